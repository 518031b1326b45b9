package io.fragscope.model;

/** Which server wrote or runs the data: the layouts of Redis and Valkey parted at Redis 7.2.4 / Valkey 7.2. */
public enum ServerFlavor {
    REDIS("Redis"), VALKEY("Valkey");

    private final String title;

    ServerFlavor(String title) { this.title = title; }

    /** The product name as people write it ("Redis", "Valkey"). */
    public String title() { return title; }
}
