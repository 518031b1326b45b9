package io.fragscope.analysis.info;

import io.fragscope.AnalysisRequest;
import io.fragscope.AnalysisResult;
import io.fragscope.Analyzer;
import io.fragscope.InputReport;
import io.fragscope.analysis.Finding;
import io.fragscope.analysis.FindingCode;
import io.fragscope.source.InputKind;
import io.fragscope.source.ReadLimits;
import io.fragscope.source.info.InfoDump;
import io.fragscope.source.info.InfoParser;
import io.fragscope.source.memstats.MemoryDoctorReport;
import io.fragscope.testing.SharedFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * MEMORY DOCTOR texts that real servers wrote (captures/: Debian's Redis 7.0.15, Valkey 8.1.1 and 9.1.2, each with the
 * INFO dump redis-cli saved beside it) join the dump of their own instance, and what they said is shown with it.
 */
class MemoryDoctorJoinTest {
    private static final Path C = Path.of("fragscope-core/src/test/resources/captures");
    private static final ReadLimits L = ReadLimits.DEFAULTS;

    private static InfoDump info(Path p) throws IOException { return new InfoParser(L).parse(p); }

    private static MemoryDoctorReport doctor(String build) throws IOException {
        return MemoryDoctorReport.parse(C.resolve(build).resolve("memory-doctor.txt"), L);
    }

    @Test
    void theDoctorsChecksOnTheDumpsOwnFiguresGiveWhatTheTextSays() throws IOException {
        for (String build : List.of("redis-7.0.15-debian", "valkey-8.1.1", "valkey-9.1.2")) {
            MemoryDoctorReport r = doctor(build);
            assertEquals(List.of("Peak memory", "High total RSS", "High allocator fragmentation"), r.issues());
            assertEquals("jemalloc-5.3.0", r.allocator());
            assertEquals(build.startsWith("valkey") ? "Valkey" : "Redis", r.product());
            assertEquals(Optional.of(r.issues()), MemoryDoctorJoin.issues(info(C.resolve(build).resolve("info.txt"))), build);
            assertTrue(MemoryDoctorJoin.agrees(r, info(C.resolve(build).resolve("info.txt"))), build);
        }
        // Another server's text, or a dump whose figures give other issues, does not join.
        assertFalse(MemoryDoctorJoin.agrees(doctor("redis-7.0.15-debian"), info(C.resolve("valkey-8.1.1/info.txt"))), "Redis text, Valkey dump");
        assertFalse(MemoryDoctorJoin.agrees(doctor("valkey-9.1.2"), info(C.resolve("redis-7.0.15-debian/info.txt"))), "Valkey text, Redis dump");
        InfoDump loaded = info(SharedFiles.groundTruth().resolve("valkey-9.1.2-jemalloc/info-reloaded.txt"));
        assertEquals(Optional.of(List.of()), MemoryDoctorJoin.issues(loaded), "a freshly loaded server: nothing to say");
        assertFalse(MemoryDoctorJoin.agrees(doctor("valkey-9.1.2"), loaded));
        InfoDump empty = info(SharedFiles.groundTruth().resolve("valkey-9.1.2-jemalloc/info-empty.txt"));
        assertEquals(Optional.of(List.of("empty")), MemoryDoctorJoin.issues(empty));
    }

    @Test
    void eachTextJoinsTheDumpInItsFolderAndItsFindingIsShownWithThatInstance() {
        List<Path> inputs = List.of(C.resolve("redis-7.0.15-debian/info.txt"), C.resolve("valkey-8.1.1/info.txt"),
                C.resolve("valkey-9.1.2/info.txt"), C.resolve("redis-7.0.15-debian/memory-doctor.txt"),
                C.resolve("valkey-8.1.1/memory-doctor.txt"), C.resolve("valkey-9.1.2/memory-doctor.txt"));
        AnalysisResult r = new Analyzer(AnalysisRequest.of(inputs)).run();
        for (String build : List.of("redis-7.0.15-debian", "valkey-8.1.1", "valkey-9.1.2")) {
            InputReport in = r.inputs().stream().filter(i -> i.path().equals(C.resolve(build).resolve("memory-doctor.txt"))).findFirst().orElseThrow();
            assertEquals(InputKind.MEMORY_DOCTOR, in.kind());
            assertTrue(in.message().contains("joined to the INFO dump " + C.resolve(build).resolve("info.txt")), in.message());
            DumpAnalysis d = r.dumps().stream().filter(x -> x.dump().source().equals(C.resolve(build).resolve("info.txt"))).findFirst().orElseThrow();
            List<Finding> doc = d.findings().stream().filter(f -> f.code() == FindingCode.MEMORY_DOCTOR).toList();
            assertEquals(1, doc.size(), build + ": one doctor text, on its own dump: " + d.findings());
            assertEquals("Peak memory; High total RSS; High allocator fragmentation", doc.get(0).evidence().get("issues"));
            assertEquals(C.resolve(build).resolve("memory-doctor.txt").toString(), doc.get(0).evidence().get("source"));
        }
    }

    @Test
    void aTextWithoutItsDumpStandsAloneAndSaysSo() {
        AnalysisResult r = new Analyzer(AnalysisRequest.of(List.of(
                SharedFiles.groundTruth().resolve("valkey-9.1.2-jemalloc/info-reloaded.txt"), C.resolve("valkey-9.1.2/memory-doctor.txt")))).run();
        InputReport in = r.inputs().stream().filter(i -> i.kind() == InputKind.MEMORY_DOCTOR).findFirst().orElseThrow();
        assertTrue(in.message().contains("not joined to an instance"), in.message());
        assertTrue(r.dumps().stream().flatMap(d -> d.findings().stream()).noneMatch(f -> f.code() == FindingCode.MEMORY_DOCTOR));
    }
}
