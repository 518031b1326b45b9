package io.fragscope.source.rdb;

import io.fragscope.AnalysisRequest;
import io.fragscope.AnalysisResult;
import io.fragscope.Analyzer;
import io.fragscope.InputReport;
import io.fragscope.InputReport.Status;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.fragscope.source.rdb.RdbFormatVersionsTest.resource;
import static org.junit.jupiter.api.Assertions.*;

/** What the reader's new events and errors become in the analysis: ok, partial (with the reason) or error. */
class RdbStatusFlowTest {

    static InputReport analyze(Path file) {
        AnalysisResult r = new Analyzer(AnalysisRequest.of(List.of(file))).run();
        assertEquals(1, r.inputs().size());
        return r.inputs().get(0);
    }

    @Test
    void aFutureVersionReadToTheEndIsPartialAndSaysWhy() {
        InputReport r = analyze(resource("valkey-encodings-rdb987.rdb"));
        assertEquals(Status.PARTIAL, r.status());
        assertTrue(r.message().contains("Valkey RDB version 987 is newer than the newest this reader knows (80)"), r.message());
    }

    @Test
    void aFutureVersionStoppedBeforeAnyKeyIsAnError() {
        InputReport r = analyze(resource("valkey-encodings-rdb75-unknown-types.rdb"));
        assertEquals(Status.ERROR, r.status());
        assertTrue(r.message().contains("offset 91: unknown RDB type or opcode 0x96 in a file of RDB version 75, newer than the newest this reader knows (13)"), r.message());
    }

    @Test
    void anAofTailIsNeverCalledComplete() {
        InputReport r = analyze(resource("valkey-rdb-preamble.aof"));
        assertEquals(Status.PARTIAL, r.status());
        assertTrue(r.message().contains("the AOF tail of 52 bytes from offset 117 holds 2 commands, not analysed"), r.message());
    }

    @Test
    void skippedEnterpriseOpcodesLeaveTheFileComplete() {
        InputReport r = analyze(resource("librdb-redis_ent_opcode_ram_lru.rdb"));
        assertEquals(Status.OK, r.status());
        assertTrue(r.message().contains("RAM_LRU (Redis Enterprise)"), r.message());
    }
}
