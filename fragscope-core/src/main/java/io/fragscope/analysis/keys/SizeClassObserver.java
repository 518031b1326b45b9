package io.fragscope.analysis.keys;

/**
 * Told of every allocation the model makes for a key, as it makes it, so the size classes can be split by the key
 * that asked for them ({@link SizeClassOwners}). Called on the thread that prices (the reader's, when a read runs on
 * two), before the key's {@code KeyCost} is handed to the sink on that same thread.
 */
public interface SizeClassObserver {
    /** {@code times} allocations that each take {@code sizeClassBytes} (the allocator's footprint, bytes). */
    void allocated(long sizeClassBytes, long times);

    /** The allocations since the last key belong to a key the server drops on load (an empty collection): forget them. */
    void keyDiscarded();
}
