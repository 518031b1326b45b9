package io.fragscope.cli;

import io.fragscope.report.KeyTables;
import io.fragscope.testing.SharedFiles;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Chinese workbook keeps a product and its version together where the English text composed in core puts them
 * after a verb: "RDB version 13, written by Redis 8.6.3" reads "RDB 版本 13，由 Redis 8.6.3 写入", not "由 Redis 写入
 * 8.6.3". Real RDB files of Redis 8.6.3 and Valkey 9.1.2, a Valkey listing priced with its INFO dump, and an RDB
 * from before 3.2 (no writer version) whose model reason names an assumed Redis version.
 */
class ChineseVersionWordOrderTest {
    @TempDir Path tmp;

    /** Format and model reason of each dataset of a Chinese workbook, by folder/file; the CSV keeps the English. */
    private Map<String, String[]> zhOverview(Path out, String... inputs) throws IOException {
        List<String> args = new ArrayList<>(List.of("analyze", "-q", "--lang", "zh", "-f", "xlsx,csv", "-o", out.toString()));
        args.addAll(List.of(inputs));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        Map<String, String[]> byFile = new LinkedHashMap<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(out.resolve("report.xlsx")))) {
            Sheet overview = wb.getSheet("键概览");
            for (int r = 1; r <= overview.getLastRowNum(); r++) {
                Row row = overview.getRow(r);
                String file = row.getCell(KeyTables.DATASETS.indexOf("source")).getStringCellValue();
                if (file.isEmpty()) continue;   // the RDB files' combined row
                Path source = Path.of(file);
                byFile.put(source.getParent().getFileName() + "/" + source.getFileName(), new String[] {row.getCell(KeyTables.DATASETS.indexOf("format")).getStringCellValue(),
                                row.getCell(KeyTables.DATASETS.indexOf("model_reason")).getStringCellValue()});
            }
        }
        return byFile;
    }

    @Test
    void rdbFormatsNameTheWriterBeforeTheVerb() throws IOException {
        Path gt = SharedFiles.groundTruth();
        Path old = Files.createDirectories(tmp.resolve("old")).resolve("dump.rdb");
        // rdb-tools' ziplist_with_integers.rdb: RDB 6, from before Redis wrote its version into the file
        Files.copy(Path.of("fragscope-core", "src", "test", "resources", "io", "fragscope", "fuzz", "RdbReaderFuzzTestInputs", "read",
                "rdb-tools-ziplist_with_integers-rdb"), old);
        Path out = tmp.resolve("out");
        Map<String, String[]> zh = zhOverview(out, gt.resolve("8.6.3-libc/dump.rdb").toString(), gt.resolve("valkey-9.1.2-libc/dump.rdb").toString(),
                old.toString());

        assertEquals("RDB 版本 13，由 Redis 8.6.3 写入", zh.get("8.6.3-libc/dump.rdb")[0]);
        assertEquals("Valkey RDB 版本 80，由 Valkey 9.1.2 写入", zh.get("valkey-9.1.2-libc/dump.rdb")[0]);
        assertTrue(zh.get("8.6.3-libc/dump.rdb")[1].startsWith("Redis 8.6 内存布局 (redis-ver 8.6.3，取自 RDB)；"), zh.get("8.6.3-libc/dump.rdb")[1]);
        assertTrue(zh.get("valkey-9.1.2-libc/dump.rdb")[1].startsWith("Valkey 9.1 内存布局 (valkey-ver 9.1.2，取自 RDB)；"), zh.get("valkey-9.1.2-libc/dump.rdb")[1]);

        assertEquals("RDB 版本 6", zh.get("old/dump.rdb")[0]);
        assertEquals("Redis 3.0 内存布局 (RDB 格式 6（未写明写入版本）：假定为 Redis 3.0)；分配器 jemalloc-3.6 "
                + "(没有该实例的 INFO 快照：假定为 Redis 3.0 自带的 jemalloc 3.6)", zh.get("old/dump.rdb")[1]);

        // The English the CSV keeps, which the Chinese was made from
        List<String> formats = AnalyzeInfoEndToEndTest.csv(out.resolve("datasets.csv")).stream().map(r -> r.get("format")).toList();
        assertEquals(List.of("RDB version 13, written by Redis 8.6.3", "Valkey RDB version 80, written by Valkey 9.1.2", "RDB version 6"), formats);
    }

    @Test
    void aValkeyListingIsPricedForValkeyInChineseToo() throws IOException {
        Path build = SharedFiles.groundTruth().resolve("valkey-9.1.2-libc");
        Path in = Files.createDirectories(tmp.resolve("valkey"));
        Files.copy(build.resolve("keys.csv"), in.resolve("keys.csv"));
        Files.copy(build.resolve("info-reloaded.txt"), in.resolve("info-reloaded.txt"));
        String reason = zhOverview(tmp.resolve("out"), in.toString()).get("valkey/keys.csv")[1];
        assertTrue(reason.startsWith("MEMORY USAGE 取自清单 (fragscope keys.csv 清单)；申请与分配字节按 Valkey 9.1 (版本取自 INFO 快照 "
                + in.resolve("info-reloaded.txt") + ") 与分配器 libc ("), reason);
        assertFalse(reason.contains("modelled") || reason.contains("version of"), reason);
    }
}
