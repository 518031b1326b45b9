package io.fragscope.source.info;

import io.fragscope.analysis.info.MemoryBreakdown;
import io.fragscope.analysis.info.ServerFacts;
import io.fragscope.source.InputKind;
import io.fragscope.source.ReadLimits;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** INFO as people pasted it into public issue threads (src/test/resources/info/pastes/README.md names each thread). */
class RealPastesTest {

    private static final Path PASTES = Path.of("fragscope-core/src/test/resources/info/pastes");
    private final InfoParser parser = new InfoParser(ReadLimits.DEFAULTS);

    private InfoDump parse(String name) throws IOException {
        Path p = PASTES.resolve(name);
        assertEquals(InputKind.INFO, InputKind.detect(p, head -> false), name + " is recognised as INFO");
        return parser.parse(p);
    }

    @Test
    void dockerLogsWithDateTimePrefix() throws IOException {
        InfoDump d = parse("docker-logs-autogpt-3442.txt");
        assertEquals(14609848, d.bytes("mem_fragmentation_bytes").getAsLong());
        assertEquals(2.69, d.number("mem_fragmentation_ratio").getAsDouble());
        assertEquals("jemalloc-5.1.0", d.text("mem_allocator").orElseThrow());
        assertEquals(1682642564, d.bytes("rdb_last_save_time").getAsLong());
        assertEquals("Persistence", d.fields().get(d.fields().size() - 1).section());
        assertTrue(d.partial(), "the excerpt starts inside the Memory section: no used_memory");
    }

    @Test
    void redis8FieldsBehindDockerLogPrefix() throws IOException {
        InfoDump d = parse("docker-logs-redis-14248.txt");
        assertEquals(21565440, d.bytes("allocator_active").getAsLong());
        assertEquals(0, d.bytes("allocator_muzzy").getAsLong());
        assertEquals(64512, d.bytes("used_memory_vm_total").getAsLong());
        assertEquals(1.00, MemoryBreakdown.of(d).allocatorFragRatio(), "printed 1.00, though active/allocated is 11.4");
    }

    @Test
    void socketPromptAndAFullMemorySection() throws IOException {
        InfoDump d = parse("netdata-9764.txt");
        assertFalse(d.partial(), d.warnings().toString());
        MemoryBreakdown b = MemoryBreakdown.of(d);
        assertEquals(17146944, b.usedMemory());
        assertEquals(22982656, b.rss());
        assertEquals(1357368, b.allocatorFragBytes());
        assertEquals(-2400256, b.processRssBytes());
        assertEquals(ServerFacts.Availability.UNKNOWN, ServerFacts.of(d).defrag(), "INFO memory alone says no version");
    }

    @Test
    void spaceAfterTheColonInsideAMarkdownFence() throws IOException {
        InfoDump d = parse("space-after-colon-redis-11912.txt");
        assertEquals("6.2.8", d.serverVersion());
        assertEquals(2137516200L, d.bytes("used_memory").getAsLong());
        assertEquals(2064834560L, d.bytes("used_memory_rss").getAsLong());
        assertEquals(1678723087394268L, d.bytes("server_time_usec").getAsLong());
    }

    @Test
    void shellAndCliPromptsAndACutInsideAName() throws IOException {
        InfoDump d = parse("sonic-13478.txt");
        assertEquals("6.0.6", d.serverVersion());
        assertEquals(7632916480L, d.bytes("used_memory_rss").getAsLong());
        assertEquals(6442450944L, d.bytes("maxmemory").getAsLong());
        assertTrue(d.partial());
        assertTrue(d.warnings().get(0).startsWith("line 55: the last line 'maxmemory' has no line end: the paste was cut there"), d.warnings().toString());
    }

    @Test
    void spaceAlignedColumns() throws IOException {
        InfoDump d = parse("metasploit-21542.txt");
        assertEquals(1005320, d.bytes("used_memory").getAsLong());
        assertEquals(24.07, d.number("mem_fragmentation_ratio").getAsDouble());
        assertEquals("jemalloc-5.3.0", d.text("mem_allocator").orElseThrow());
        assertEquals("0", d.text("mem_overhead_db_hashtable_rehashing").orElseThrow());
        assertTrue(d.warnings().stream().anyMatch(w -> w.contains("used_memory_dataset is not a byte count")),
                "the server's own underflow (18446744073709527704) is said, not read: " + d.warnings());
    }

    @Test
    void dragonflyIsNamedAndAnalysedForWhatApplies() throws IOException {
        InfoDump d = parse("dragonfly-2206.txt");
        assertEquals("dragonfly", d.product());
        assertEquals("df-v1.12.0", d.serverVersion());
        ServerFacts s = ServerFacts.of(d);
        assertEquals("Dragonfly df-v1.12.0", s.displayName());
        assertEquals(ServerFacts.Availability.UNKNOWN, s.defrag());
        assertEquals(ServerFacts.Availability.UNKNOWN, s.purge());
        assertTrue(d.partial(), "cut inside rejected_connections");
        MemoryBreakdown b = MemoryBreakdown.of(d);
        assertEquals(289091120, b.usedMemory());
        assertEquals(1487831040, b.rss());
        assertTrue(b.ratioComputed(), "Dragonfly prints no mem_fragmentation_ratio");
        var findings = new io.fragscope.analysis.info.InfoFindings(io.fragscope.analysis.info.FindingThresholds.DEFAULTS).evaluate(d, b, s);
        var codes = findings.stream().map(io.fragscope.analysis.Finding::code).toList();
        assertTrue(codes.contains(io.fragscope.analysis.FindingCode.OTHER_SERVER), codes.toString());
        assertTrue(codes.contains(io.fragscope.analysis.FindingCode.HIGH_FRAGMENTATION), codes.toString());
        assertFalse(codes.contains(io.fragscope.analysis.FindingCode.RESTART_TO_RECLAIM), "never told it cannot defrag");
    }
}
