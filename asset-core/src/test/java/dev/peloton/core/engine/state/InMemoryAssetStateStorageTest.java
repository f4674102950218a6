package dev.peloton.core.engine.state;

/** The in-memory storage meets the storage contract. */
class InMemoryAssetStateStorageTest extends AssetStateStorageContract {

    @Override
    protected AssetStateStorage newStorage() {
        return new InMemoryAssetStateStorage();
    }
}
