package io.fragscope;

import java.nio.file.Path;

/** Hears how far the reading of a large input has come (the CLI draws a progress bar from it). */
public interface ProgressListener {
    ProgressListener NONE = (file, bytes) -> new Tracker() {
        @Override public void update(long bytesRead, long keys) { }

        @Override public void close() { }
    };

    Tracker start(Path file, long totalBytes);

    interface Tracker extends AutoCloseable {
        /** @param bytesRead bytes consumed so far; @param keys keys read so far */
        void update(long bytesRead, long keys);

        @Override void close();
    }
}
