package io.fragscope.analysis.info;

import io.fragscope.analysis.Finding;
import io.fragscope.analysis.FindingCode;
import io.fragscope.report.Messages;
import io.fragscope.report.WhatToDo;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.info.InfoDump;
import io.fragscope.source.info.InfoParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Advice the evidence of the same dump does not contradict, on the real sample series (scripts/make-samples.sh):
 * no restart where the gap is not allocator fragmentation, no MEMORY PURGE where purgeable pages are few, actions
 * that name only findings the report has, one action per cause.
 */
class ConsistentAdviceTest {
    private final InfoParser parser = new InfoParser(ReadLimits.DEFAULTS);
    private final Messages en = Messages.forLanguage("en");

    private List<DumpAnalysis> samples() throws IOException {
        List<InfoDump> dumps = new ArrayList<>();
        for (Path p : FindingsOnRealDumpsTest.samples()) dumps.add(parser.parse(p));
        return new InfoAnalyzer(FindingThresholds.DEFAULTS).analyze(dumps).get(0).dumps();
    }

    private static Set<FindingCode> codes(DumpAnalysis d) {
        return d.findings().stream().map(Finding::code).collect(Collectors.toSet());
    }

    private static Finding find(DumpAnalysis d, FindingCode c) {
        return d.findings().stream().filter(f -> f.code() == c).findFirst().orElseThrow(() -> new AssertionError(c + " missing"));
    }

    @Test
    void noRestartWhenTheGapIsNotAllocatorFragmentation() throws IOException {
        // Right after SAVE: ratio 2.44, 13.1 MiB of gap, but 1.8 MiB of allocator fragmentation.
        DumpAnalysis saved = samples().get(2);
        assertTrue(saved.dump().source().toString().endsWith("042926.txt"));
        assertEquals(1917064, saved.breakdown().allocatorFragBytes());
        assertTrue(codes(saved).contains(FindingCode.HIGH_FRAGMENTATION));
        assertFalse(codes(saved).contains(FindingCode.RESTART_TO_RECLAIM), saved.findings().toString());
        String action = en.action(find(saved, FindingCode.HIGH_FRAGMENTATION));
        assertTrue(action.startsWith("No part of the gap is large enough to act on (allocator fragmentation 1.8 MiB"), action);
        assertFalse(action.contains("restart"), action);
    }

    @Test
    void noPurgeRightAfterAPurgeThatGaveLittle() throws IOException {
        List<DumpAnalysis> s = samples();
        DumpAnalysis purged = s.get(5);
        assertTrue(purged.dump().source().toString().endsWith("042932.txt"));
        // MEMORY PURGE gave back 2.6 MB of RSS; 4.4 MiB of purgeable pages are left, 84.5 MiB is fragmentation.
        assertEquals(140980224 - 138395648, s.get(4).breakdown().rss() - purged.breakdown().rss());
        assertEquals(4595712, purged.breakdown().allocatorRssBytes());
        for (DumpAnalysis d : s.subList(4, s.size())) {
            for (Finding f : WhatToDo.actionable(d.findings())) {
                assertFalse(en.action(f).contains("MEMORY PURGE to"), d.dump().source() + ": " + en.action(f));
            }
            assertTrue(en.action(find(d, FindingCode.PEAK_ABOVE_CURRENT)).startsWith("The freed memory is held as allocator fragmentation"));
        }
    }

    @Test
    void actionsNameOnlyFindingsThatArePresentAndOnePerCause() throws IOException {
        for (DumpAnalysis d : samples()) {
            Set<String> present = codes(d).stream().map(FindingCode::id).collect(Collectors.toSet());
            for (Finding f : WhatToDo.actionable(d.findings())) {
                String action = en.action(f);
                for (FindingCode c : FindingCode.values()) {
                    if (action.contains(c.id())) assertTrue(present.contains(c.id()), d.dump().source() + ": '" + action + "' names " + c.id());
                }
            }
        }
        // The fragmented dump: four warnings, one action (failover and restart: this build cannot defrag).
        DumpAnalysis last = samples().get(9);
        assertEquals(Set.of(FindingCode.HIGH_FRAGMENTATION, FindingCode.PEAK_ABOVE_CURRENT, FindingCode.ALLOCATOR_FRAGMENTATION,
                FindingCode.RESTART_TO_RECLAIM), codes(last));
        List<Finding> todo = WhatToDo.actionable(last.findings());
        assertEquals(List.of(FindingCode.RESTART_TO_RECLAIM), todo.stream().map(Finding::code).toList());
    }
}
