package io.fragscope;

import io.fragscope.analysis.KeyCostSink;
import io.fragscope.source.InputKind;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Receives every key's cost as it is computed, so a caller can stream them somewhere (keys.csv)
 * without the analysis ever holding them.
 */
public interface KeyListener {
    KeyListener NONE = (source, kind) -> cost -> { };

    KeyCostSink open(Path source, InputKind kind) throws IOException;

    /**
     * @param dataset the number the input's dataset gets ({@link Dataset#id()}), 1 for the first key input of the run
     */
    default KeyCostSink open(Path source, InputKind kind, int dataset) throws IOException { return open(source, kind); }
}
