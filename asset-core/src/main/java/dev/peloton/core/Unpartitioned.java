package dev.peloton.core;

/** The definition of an unpartitioned asset: exactly one partition, whose key is the empty string. */
public final class Unpartitioned implements PartitionsDefinition {

    public static final Unpartitioned INSTANCE = new Unpartitioned();

    private Unpartitioned() {
    }

    @Override
    public long size() {
        return 1;
    }

    @Override
    public String keyAt(long index) {
        if (index != 0) {
            throw new IndexOutOfBoundsException("An unpartitioned asset has only index 0, got " + index);
        }
        return "";
    }

    @Override
    public long indexOf(String key) {
        return "".equals(key) ? 0 : -1;
    }

    @Override
    public boolean isPartitioned() {
        return false;
    }

    @Override
    public String describe() {
        return "none (the asset is unpartitioned)";
    }

    @Override
    public String toString() {
        return "unpartitioned";
    }
}
