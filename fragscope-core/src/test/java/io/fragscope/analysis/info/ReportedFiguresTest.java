package io.fragscope.analysis.info;

import io.fragscope.analysis.Finding;
import io.fragscope.analysis.FindingCode;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.info.InfoDump;
import io.fragscope.source.info.InfoParser;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 14: the figures a server printed are used as printed, per version, and unknown builds are said to be unknown. */
class ReportedFiguresTest {

    private final InfoParser parser = new InfoParser(ReadLimits.DEFAULTS);

    private InfoDump real(String build) throws IOException {
        return parser.parse(SharedFiles.groundTruth().resolve(build).resolve("info-reloaded.txt"));
    }

    private InfoDump text(String text) throws IOException {
        return parser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Path.of("edited.txt"));
    }

    /** 7.4+ counts only small-bin holes in allocator_frag_bytes (object.c getMemoryOverheadData): 223776, not active − allocated. */
    @Test
    void redis86SmallBinFragmentationIsTakenAsPrinted() throws IOException {
        InfoDump d = real("8.6.3-jemalloc");
        MemoryBreakdown b = MemoryBreakdown.of(d);
        assertEquals(223776, b.allocatorFragBytes());
        assertEquals(1.03, b.allocatorFragRatio());
        assertEquals(8433664 - 8133856, b.allocatorActive() - b.allocatorAllocated(), "the recomputation would say 299808");
        assertEquals(299808 - 223776, b.allocatorActiveNotFrag());
        assertEquals(b.rss(), java.util.Arrays.stream(b.segments()).sum(), "segments still add up to RSS");
        assertEquals(223776, b.segment(MemoryBreakdown.Segment.ALLOCATOR_FRAGMENTATION));
    }

    /** Before 7.4 the printed figure is active − allocated, and it is still the printed one that is used. */
    @Test
    void redis70FragmentationIsActiveMinusAllocatedAsPrinted() throws IOException {
        InfoDump d = real("7.0.15-jemalloc");
        MemoryBreakdown b = MemoryBreakdown.of(d);
        assertEquals(d.bytes("allocator_frag_bytes").getAsLong(), b.allocatorFragBytes());
        assertEquals(b.allocatorActive() - b.allocatorAllocated(), b.allocatorFragBytes());
        assertEquals(0, b.allocatorActiveNotFrag());
    }

    /** A Valkey built with mimalloc printing allocator_frag_ratio 1.00 while active/allocated is 2.33 keeps its 1.00. */
    @Test
    void aMimallocValkeyKeepsItsPrintedRatioAndItsDefragIsUnknown() throws IOException {
        String real = Files.readString(SharedFiles.groundTruth().resolve("valkey-9.1.2-jemalloc/info-reloaded.txt"));
        String mimalloc = real.replace("mem_allocator:jemalloc-5.3.0", "mem_allocator:mimalloc-2.1.2")
                .replaceAll("(?m)^allocator_active:\\d+", "allocator_active:" + Math.round(6698232 * 2.33))
                .replaceAll("(?m)^allocator_frag_ratio:[^\\r\\n]*", "allocator_frag_ratio:1.00")
                .replaceAll("(?m)^allocator_frag_bytes:[^\\r\\n]*", "allocator_frag_bytes:0");
        InfoDump d = text(mimalloc);
        MemoryBreakdown b = MemoryBreakdown.of(d);
        assertEquals(1.00, b.allocatorFragRatio());
        assertEquals(0, b.allocatorFragBytes());
        ServerFacts s = ServerFacts.of(d);
        assertEquals("valkey", s.product());
        assertEquals("Valkey 9.1.2", s.displayName());
        assertEquals(ServerFacts.Availability.UNKNOWN, s.defrag());
        assertEquals(ServerFacts.Availability.UNKNOWN, s.purge());
    }

    @Test
    void valkeyIsNamedValkeyWithItsOwnVersion() throws IOException {
        ServerFacts s = ServerFacts.of(real("valkey-8.1.1-libc"));
        assertEquals("Valkey 8.1.1", s.displayName());
        assertEquals(8, s.major());
        assertEquals(ServerFacts.Availability.NO, s.defrag(), "the dump shows libc");
        assertEquals(ServerFacts.Availability.YES, ServerFacts.of(real("valkey-9.1.2-jemalloc")).defrag());
    }

    /** No version and no allocator in the paste: nothing is asserted about purge or defrag. */
    @Test
    void aDumpWithoutVersionOrAllocatorAssertsNothingAboutPurgeOrDefrag() throws IOException {
        String memoryOnly = Files.readString(Path.of("fragscope-core/src/test/resources/info/pastes/space-after-colon-redis-11912.txt"))
                .replaceAll("(?m)^redis_version:[^\\n]*\\n", "");
        ServerFacts s = ServerFacts.of(text(memoryOnly));
        assertEquals("", s.version());
        assertEquals(ServerFacts.Availability.UNKNOWN, s.defrag());
        assertEquals(ServerFacts.Availability.UNKNOWN, s.purge());
        assertEquals(2, s.purgeChoice());
    }

    @Test
    void newMemoryFieldsAreRead() throws IOException {
        MemoryBreakdown b = MemoryBreakdown.of(real("valkey-9.1.2-jemalloc"));
        assertEquals(0, b.reported().allocatorMuzzy());
        assertEquals(0, b.reported().rehashing());
        assertEquals(0, b.reported().replicationBuffers());
        assertEquals(0, b.reported().slotMigration(), "mem_cluster_slot_import + mem_cluster_slot_export");
        assertFalse(MemoryBreakdown.Reported.has(MemoryBreakdown.of(real("6.2.16-jemalloc")).reported().allocatorMuzzy()));
    }

    @Test
    void aFragmentedUnknownBuildIsNotToldItCannotDefrag() throws IOException {
        String real = Files.readString(SharedFiles.groundTruth().resolve("valkey-9.1.2-jemalloc/info-reloaded.txt"));
        String fragmented = FindingsOnRealDumpsTest.reprint(real.replace("mem_allocator:jemalloc-5.3.0", "mem_allocator:mimalloc-2.1.2")
                .replaceAll("(?m)^used_memory_rss:\\d+", "used_memory_rss:400000000")
                .replaceAll("(?m)^allocator_resident:\\d+", "allocator_resident:390000000")
                .replaceAll("(?m)^allocator_active:\\d+", "allocator_active:380000000"));
        InfoDump d = text(fragmented);
        List<Finding> f = new InfoFindings(FindingThresholds.DEFAULTS).evaluate(d, MemoryBreakdown.of(d), ServerFacts.of(d));
        assertTrue(f.stream().anyMatch(x -> x.code() == FindingCode.ALLOCATOR_FRAGMENTATION), f.toString());
        assertTrue(f.stream().noneMatch(x -> x.code() == FindingCode.RESTART_TO_RECLAIM), f.toString());
        Finding candidate = f.stream().filter(x -> x.code() == FindingCode.ACTIVEDEFRAG_CANDIDATE).findFirst().orElseThrow();
        assertEquals(1, candidate.args().get(2), "the action says to try and what a refusal means");
    }

    /** The newer fields that account for RSS are named in the evidence of the fragmentation finding they explain. */
    @Test
    void newerFieldsExplainTheGapInTheEvidence() throws IOException {
        String real = Files.readString(SharedFiles.groundTruth().resolve("valkey-9.1.2-jemalloc/info-reloaded.txt"));
        String busy = FindingsOnRealDumpsTest.reprint(real.replaceAll("(?m)^used_memory_rss:\\d+", "used_memory_rss:400000000")
                .replaceAll("(?m)^mem_overhead_db_hashtable_rehashing:\\d+", "mem_overhead_db_hashtable_rehashing:33554432")
                .replaceAll("(?m)^mem_total_replication_buffers:\\d+", "mem_total_replication_buffers:20971520")
                .replaceAll("(?m)^mem_cluster_slot_import:\\d+", "mem_cluster_slot_import:1048576"));
        InfoDump d = text(busy);
        List<Finding> f = new InfoFindings(FindingThresholds.DEFAULTS).evaluate(d, MemoryBreakdown.of(d), ServerFacts.of(d));
        Finding high = f.stream().filter(x -> x.code() == FindingCode.HIGH_FRAGMENTATION).findFirst().orElseThrow();
        assertEquals(33554432L, high.evidence().get("mem_overhead_db_hashtable_rehashing"));
        assertEquals(20971520L, high.evidence().get("mem_total_replication_buffers"));
        assertEquals(1048576L, high.evidence().get("mem_cluster_slot_migration"));
    }
}
