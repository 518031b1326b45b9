package io.fragscope.cli;

import io.fragscope.testing.Json;
import io.fragscope.testing.SharedFiles;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A partial-input finding tells how to capture that kind of input again: an INFO paste with redis-cli INFO, an RDB
 * by copying it once its save has finished (or a fresh one), a listing by running it to its end. Each kind is a real
 * Redis 8.6.3 file cut short, as a copy or paste that stopped leaves it; in English and Chinese, in findings.csv and
 * summary.json alike.
 */
class PartialInputActionTest {
    @TempDir Path tmp;

    /** The three cut files, each in its own folder so no pairing between them changes what is read. */
    private List<Path> cutFiles() throws IOException {
        Path build = SharedFiles.groundTruth().resolve("8.6.3-libc");
        Path rdb = Files.createDirectories(tmp.resolve("rdb")).resolve("dump.rdb");
        Files.write(rdb, Arrays.copyOf(Files.readAllBytes(build.resolve("dump.rdb")), 1_000_000));
        Path listing = Files.createDirectories(tmp.resolve("listing")).resolve("keys.csv");
        Files.write(listing, Arrays.copyOf(Files.readAllBytes(build.resolve("keys.csv")), 300_000));
        String info = Files.readString(build.resolve("info-reloaded.txt"));
        Path paste = Files.createDirectories(tmp.resolve("info")).resolve("info.txt");
        Files.writeString(paste, info.substring(0, info.indexOf("used_memory_rss:") + "used_memory_rss:12".length()));
        return List.of(paste, rdb, listing);
    }

    /** The partial-input action by file name, from findings.csv; summary.json must say the same. */
    @SuppressWarnings("unchecked")
    private Map<String, String> actions(String lang, List<Path> files) throws IOException {
        Path out = tmp.resolve("out-" + lang);
        List<String> args = new ArrayList<>(List.of("analyze", "-q", "--lang", lang, "-f", "csv,json", "-o", out.toString()));
        files.forEach(f -> args.add(f.toString()));
        assertEquals(2, Main.run(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)), "partial inputs exit 2");
        Map<String, String> byFile = new LinkedHashMap<>();
        for (CSVRecord f : AnalyzeInfoEndToEndTest.csv(out.resolve("findings.csv"))) {
            if (f.get("code").equals("partial-input")) assertNull(byFile.put(Path.of(f.get("source")).getFileName().toString(), f.get("action")));
        }
        assertEquals(List.of("info.txt", "dump.rdb", "keys.csv").stream().sorted().toList(), byFile.keySet().stream().sorted().toList());
        Map<String, Object> json = (Map<String, Object>) Json.read(out.resolve("summary.json"));
        List<String> jsonActions = new ArrayList<>();
        for (String section : List.of("dumps", "datasets")) {
            for (Object o : (List<Object>) json.get(section)) {
                for (Object f : (List<Object>) ((Map<String, Object>) o).get("findings")) {
                    Map<String, Object> finding = (Map<String, Object>) f;
                    if (finding.get("code").equals("partial-input")) jsonActions.add((String) finding.get("action"));
                }
            }
        }
        assertEquals(byFile.values().stream().sorted().toList(), jsonActions.stream().sorted().toList());
        return byFile;
    }

    @Test
    void eachCutInputIsToldHowToCaptureItsOwnKindAgain() throws IOException {
        List<Path> files = cutFiles();
        Map<String, String> en = actions("en", files);
        assertEquals("Capture it again in full: redis-cli INFO all > file.", en.get("info.txt"));
        String rdb = en.get("dump.rdb");
        assertTrue(rdb.startsWith("Copy the RDB file again once the save that writes it has finished (redis-cli INFO persistence shows "
                + "rdb_bgsave_in_progress:0"), rdb);
        assertTrue(rdb.contains("redis-cli LASTSAVE") && rdb.contains("redis-cli --rdb file"), rdb);
        String listing = en.get("keys.csv");
        assertTrue(listing.startsWith("Run the listing again and let it complete"), listing);
        for (String a : List.of(rdb, listing)) assertFalse(a.contains("INFO all"), a);
        assertFalse(listing.contains("RDB"), listing);

        Map<String, String> zh = actions("zh", files);
        assertEquals("重新完整采集：redis-cli INFO all > file。", zh.get("info.txt"));
        assertTrue(zh.get("dump.rdb").startsWith("等写入该文件的保存完成后，重新复制 RDB 文件（redis-cli INFO persistence 显示 rdb_bgsave_in_progress:0"),
                zh.get("dump.rdb"));
        assertTrue(zh.get("dump.rdb").contains("redis-cli --rdb file"), zh.get("dump.rdb"));
        assertTrue(zh.get("keys.csv").startsWith("重新生成清单并等其完成"), zh.get("keys.csv"));
        for (String a : List.of(zh.get("dump.rdb"), zh.get("keys.csv"))) assertFalse(a.contains("INFO all"), a);
    }
}
