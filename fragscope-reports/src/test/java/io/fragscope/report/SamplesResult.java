package io.fragscope.report;

import io.fragscope.AnalysisRequest;
import io.fragscope.AnalysisResult;
import io.fragscope.Analyzer;
import io.fragscope.Dataset;

import java.nio.file.Path;
import java.util.List;

/** The analysis of samples/ (ten INFO dumps of cache-01, its dump.rdb and key listing), made once for the renderer tests. */
final class SamplesResult {
    private static AnalysisResult result;

    private SamplesResult() {}

    static synchronized AnalysisResult get() {
        if (result == null) result = new Analyzer(AnalysisRequest.of(List.of(Path.of("samples")))).run();
        return result;
    }

    static Dataset rdb() {
        return get().datasets().stream().filter(d -> d.source().endsWith(Path.of("rdb", "dump.rdb"))).findFirst().orElseThrow();
    }
}
