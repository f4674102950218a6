package dev.peloton.core.engine.graph;

import dev.peloton.core.AssetKey;

/** An asset key that names no asset of the graph. */
public class UnknownAssetException extends IllegalArgumentException {

    private final AssetKey key;

    public UnknownAssetException(AssetKey key) {
        super("Unknown asset '" + key + "'");
        this.key = key;
    }

    public AssetKey key() {
        return key;
    }
}
