package io.fragscope.analysis.info;

import io.fragscope.analysis.Finding;
import io.fragscope.analysis.FindingCode;
import io.fragscope.report.Messages;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.info.InfoDump;
import io.fragscope.source.info.InfoParser;
import io.fragscope.source.mallocstats.MallocStatsParser;
import io.fragscope.source.memstats.MemoryStatsJoin;
import io.fragscope.source.memstats.MemoryStatsParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The findings this work added read as sentences in English and Chinese, with the figures of real captures. */
class NewFindingMessagesTest {

    private static final Path D = Path.of("fragscope-core/src/test/resources/captures/redis-7.0.15-debian");

    private List<Finding> findings() throws IOException {
        ReadLimits l = ReadLimits.DEFAULTS;
        InfoDump info = new InfoParser(l).parse(D.resolve("info.txt"));
        InfoDump joined = MemoryStatsJoin.join(List.of(info), List.of(new MemoryStatsParser(l).parse(D.resolve("memory-stats.txt")))).dumps().get(0);
        MemoryBreakdown b = MemoryBreakdown.of(joined);
        List<Finding> out = new ArrayList<>(new InfoFindings(FindingThresholds.DEFAULTS).evaluate(joined, b, ServerFacts.of(joined)));
        out.add(CaptureInputs.holes(new MallocStatsParser(l).parse(D.resolve("malloc-stats.txt")), null).orElseThrow());
        out.add(MemoryDoctorJoin.finding(io.fragscope.source.memstats.MemoryDoctorReport.parse(D.resolve("memory-doctor.txt"), l)));
        InfoDump dragonfly = new InfoParser(l).parse(Path.of("fragscope-core/src/test/resources/info/pastes/dragonfly-2206.txt"));
        MemoryBreakdown db = MemoryBreakdown.of(dragonfly);
        out.addAll(new InfoFindings(FindingThresholds.DEFAULTS).evaluate(dragonfly, db, ServerFacts.of(dragonfly)));
        return out;
    }

    @Test
    void englishAndChineseSentencesWithRealFigures() throws IOException {
        List<Finding> all = findings();
        for (FindingCode c : List.of(FindingCode.KEYSPACE_TABLES, FindingCode.SIZE_CLASS_HOLES, FindingCode.OTHER_SERVER, FindingCode.PEAK_ABOVE_CURRENT,
                FindingCode.MEMORY_DOCTOR)) {
            Finding f = all.stream().filter(x -> x.code() == c).findFirst().orElseThrow(() -> new AssertionError("no " + c + " in " + all));
            for (String lang : List.of("en", "zh")) {
                Messages m = Messages.forLanguage(lang);
                String message = m.message(f), action = m.action(f);
                assertFalse(message.startsWith("finding."), lang + " has no message for " + c);
                assertFalse(action.startsWith("finding."), lang + " has no action for " + c);
                assertFalse(message.contains("{"), message);
            }
        }
        Finding tables = all.stream().filter(x -> x.code() == FindingCode.KEYSPACE_TABLES).findFirst().orElseThrow();
        assertEquals("The keyspace hash tables take 5.9 MiB (24% of used_memory) for 103,081 keys; MEMORY STATS puts each key at 241 bytes"
                + " on average, and the data itself at 75% of what Redis allocated.", Messages.forLanguage("en").message(tables));
        Finding doctor = all.stream().filter(x -> x.code() == FindingCode.MEMORY_DOCTOR).findFirst().orElseThrow();
        assertEquals("MEMORY DOCTOR (memory-doctor.txt), captured with this dump, listed: Peak memory; High total RSS; High allocator"
                + " fragmentation.", Messages.forLanguage("en").message(doctor));
        assertEquals("与此转储同时采集的 MEMORY DOCTOR（memory-doctor.txt）列出：Peak memory; High total RSS; High allocator fragmentation。",
                Messages.forLanguage("zh").message(doctor));
        Finding other = all.stream().filter(x -> x.code() == FindingCode.OTHER_SERVER).findFirst().orElseThrow();
        assertTrue(Messages.forLanguage("en").message(other).startsWith("This dump was written by Dragonfly df-v1.12.0"), Messages.forLanguage("en").message(other));
    }
}
