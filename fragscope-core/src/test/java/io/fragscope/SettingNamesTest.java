package io.fragscope;

import io.fragscope.analysis.keys.AggregationOptions;
import io.fragscope.model.EncodingThresholds;
import io.fragscope.source.InputKind;
import io.fragscope.source.Setting;
import io.fragscope.source.SettingException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library alone names its own settings, never a front end's flags; a front end's naming replaces them. */
class SettingNamesTest {

    @Test
    void errorsAboutASettingNameTheLibrarySetting() {
        SettingException allocator = assertThrows(SettingException.class, () -> AnalysisRequest.ModelOptions.check("jemallok", null));
        assertEquals(Setting.ALLOCATOR, allocator.setting());
        assertTrue(allocator.getMessage().startsWith("AnalysisRequest.ModelOptions.allocator jemallok: not an allocator model; one of jemalloc,"),
                allocator.getMessage());
        SettingException version = assertThrows(SettingException.class, () -> AnalysisRequest.ModelOptions.check(null, "seven"));
        assertEquals("AnalysisRequest.ModelOptions.redisVersion seven: not a version such as 7.2, 8.6, valkey-9.0", version.getMessage());
        // a version no family models is refused, not priced as the nearest one; a later minor of a known major is taken
        for (String unknown : List.of("99.1", "9.0", "2.0", "valkey-3.0", "valkey-10.0")) {
            SettingException e = assertThrows(SettingException.class, () -> AnalysisRequest.ModelOptions.check(null, unknown), unknown);
            assertTrue(e.getMessage().startsWith("AnalysisRequest.ModelOptions.redisVersion " + unknown + ": no layout for "), e.getMessage());
            assertTrue(e.getMessage().endsWith("(fragscope models Redis 2.8 to 8.x, Valkey 7.2 to 9.x)"), e.getMessage());
        }
        for (String known : List.of("2.8", "8.8", "8.6.3", "valkey-7.2", "valkey-9.1")) AnalysisRequest.ModelOptions.check(null, known);
        SettingException config = assertThrows(SettingException.class,
                () -> EncodingThresholds.DEFAULTS.withOverrides(Map.of("hash-max-zipmap-entries", 1L)));
        assertTrue(config.getMessage().startsWith("AnalysisRequest.ModelOptions.configOverrides hash-max-zipmap-entries is not an encoding threshold"),
                config.getMessage());
        SettingException depth = assertThrows(SettingException.class, () -> AggregationOptions.DEFAULTS.withPrefixDepth(0));
        assertEquals("AnalysisRequest.KeyOptions.prefixDepth must be at least 1, got 0", depth.getMessage());
        SettingException separators = assertThrows(SettingException.class, () -> AggregationOptions.DEFAULTS.withPrefixSeparators(""));
        assertEquals("AnalysisRequest.KeyOptions.prefixSeparators needs at least one character", separators.getMessage());
        // a front end's naming, as the CLI gives it
        assertEquals("--redis-version seven: not a version such as 7.2, 8.6, valkey-9.0", version.message(s -> "--" + s.name().toLowerCase().replace('_', '-')));
    }

    @Test
    void aRunNamesTheLibrarySettingsInItsReasonsAndPerInputNotes() {
        AnalysisRequest request = AnalysisRequest.of(List.of(Path.of("samples/rdb/dump.rdb"), Path.of("samples/info")))
                .withModel(new AnalysisRequest.ModelOptions("libc", "7.0", Map.of()))
                .withSince(Duration.ofSeconds(5));
        AnalysisResult r = new Analyzer(request).run();
        String reason = r.datasets().stream().filter(d -> d.kind() == InputKind.RDB).findFirst().orElseThrow().summary().modelReason();
        assertTrue(reason.contains("AnalysisRequest.ModelOptions.redisVersion 7.0"), reason);
        assertTrue(reason.contains("AnalysisRequest.ModelOptions.allocator libc"), reason);
        List<InputReport> left = r.inputs().stream().filter(i -> i.status() == InputReport.Status.SKIPPED).toList();
        assertFalse(left.isEmpty(), "the samples' dumps span 14 s: those before the last 5 s are left out");
        for (InputReport i : left) assertTrue(i.message().endsWith(", before the AnalysisRequest.since window"), i.message());
        for (InputReport i : r.inputs()) assertFalse(i.message().contains("--"), i.message());

        AnalysisResult named = new Analyzer(request.withNaming(s -> "<" + s.name() + ">")).run();
        String namedReason = named.datasets().stream().filter(d -> d.kind() == InputKind.RDB).findFirst().orElseThrow().summary().modelReason();
        assertTrue(namedReason.contains("<REDIS_VERSION> 7.0") && namedReason.contains("<ALLOCATOR> libc"), namedReason);
    }
}
