package io.fragscope.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One input as a front end holds it: a name for messages, its size, when it was written, and a way to open it
 * from its first byte. A local file is {@link #of(Path)}; a front end with inputs elsewhere (a Hadoop
 * {@code FileSystem}, an object store, an upload) gives its own opener, so the core never needs a local path.
 * {@link #open()} may be called more than once (the RDB header is read before the full pass); each call
 * returns a new stream that the caller closes.
 */
public interface InputSource {

    /** How messages and reports name the input ({@code InputException} prefixes it); need not exist on this machine. */
    Path name();

    /** Bytes, or -1 when unknown (progress, and the reader's checks of claimed lengths against what is left). */
    long size();

    /** When the input was written, epoch milliseconds, or -1 when unknown (expiry buckets, listing TTLs). */
    long modifiedMillis();

    /** A new stream over the input from its first byte. */
    InputStream open() throws IOException;

    /** Opens a stream over an input, each time from its first byte. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    /** An input held elsewhere: {@code name} names it, {@code opener} reads it. */
    static InputSource of(Path name, long size, long modifiedMillis, Opener opener) {
        return new InputSource() {
            @Override public Path name() { return name; }

            @Override public long size() { return size; }

            @Override public long modifiedMillis() { return modifiedMillis; }

            @Override public InputStream open() throws IOException { return opener.open(); }

            @Override public String toString() { return name.toString(); }
        };
    }

    /** A local file; its size and modification time are read when asked, so a missing file fails on use, as a read would. */
    static InputSource of(Path file) {
        return new InputSource() {
            @Override public Path name() { return file; }

            @Override public long size() {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return -1;
                }
            }

            @Override public long modifiedMillis() {
                try {
                    return Files.getLastModifiedTime(file).toMillis();
                } catch (IOException e) {
                    return -1;
                }
            }

            @Override public InputStream open() throws IOException { return Files.newInputStream(file); }

            @Override public String toString() { return file.toString(); }
        };
    }
}
