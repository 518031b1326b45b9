package io.fragscope.report;

import io.fragscope.AnalysisRequest;
import io.fragscope.InputAnalyzer;
import io.fragscope.analysis.Finding;
import io.fragscope.analysis.FindingCode;
import io.fragscope.source.InputSource;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rounding-waste action names another build only when the what-if finds a cheaper one: the 7.2.6 libc build's
 * keys would take 346 KiB less on jemalloc; a build already on the cheapest model is not told to move to it.
 */
class RoundingWasteActionTest {
    @Test
    void theActionNamesACheaperBuildOnlyWhenThereIsOne() throws java.io.IOException {
        var dir = SharedFiles.groundTruth().resolve("7.2.6-libc");
        var info = new io.fragscope.source.info.InfoParser(io.fragscope.source.ReadLimits.DEFAULTS).parse(dir.resolve("info-reloaded.txt"));
        var r = new InputAnalyzer(AnalysisRequest.of(List.of())).analyze(InputSource.of(dir.resolve("dump.rdb")), List.of(info),
                io.fragscope.KeyListener.NONE);
        Finding libc = r.dataset().orElseThrow().findings().stream().filter(f -> f.code() == FindingCode.ROUNDING_WASTE).findFirst().orElseThrow();
        for (String lang : List.of("en", "zh")) {
            String action = Messages.forLanguage(lang).action(libc);
            assertTrue(action.contains("jemalloc") && action.contains("346 KiB"), action);
        }
        assertTrue(Messages.forLanguage("en").action(libc).contains("a build with jemalloc would hold these keys in 346 KiB less"));

        // The same finding where no model is cheaper (saving 0, choice 0): no build is suggested.
        List<Object> args = new java.util.ArrayList<>(libc.args());
        args.set(3, "");
        args.set(4, new io.fragscope.analysis.Bytes(0));
        args.set(5, 0);
        Finding none = new Finding(FindingCode.ROUNDING_WASTE, libc.severity(), libc.evidence(), args);
        for (String lang : List.of("en", "zh")) {
            String action = Messages.forLanguage(lang).action(none);
            assertFalse(action.contains("jemalloc,") || action.contains("a build with") || action.contains("版本"), action);
        }
    }
}
