package io.fragscope.cli;

import io.fragscope.testing.LocalRedis;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Dumps of one instance over time show which prefixes grew; all files together are summed. */
class SeveralRdbFilesTest {
    @TempDir Path tmp;

    @Test
    void growthBetweenDumpsOfOneInstanceAndTheCombinedTotal() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("redis"));
        Path in = Files.createDirectories(tmp.resolve("in"));
        try (LocalRedis r = LocalRedis.start(dir, null)) {
            List<Object[]> c = new ArrayList<>();
            for (int i = 0; i < 2000; i++) c.add(new Object[] {"SET", "user:" + i + ":name", "n" + i});
            r.pipeline(c);
            r.call("SAVE");
            Files.copy(dir.resolve("dump.rdb"), in.resolve("cache-20261101-000000.rdb"));
            c.clear();
            for (int i = 0; i < 3000; i++) c.add(new Object[] {"SET", "cart:" + i + ":items", "x".repeat(100)});
            r.pipeline(c);
            r.call("SAVE");
            Files.copy(dir.resolve("dump.rdb"), in.resolve("cache-20261102-000000.rdb"));
        }
        Path out = tmp.resolve("out");
        int code = Main.run(new String[] {"analyze", "-q", "-f", "xlsx,csv", "--prefix-depth", "1", "-o", out.toString(), in.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, code);
        List<CSVRecord> growth = AnalyzeInfoEndToEndTest.csv(out.resolve("prefix-growth.csv"));
        CSVRecord cart = growth.get(0);
        assertTrue(cart.get("prefix").startsWith("cart"), cart.toString());
        assertEquals(0, Long.parseLong(cart.get("keys_before")));
        assertEquals(3000, Long.parseLong(cart.get("keys_after")));
        assertTrue(Long.parseLong(cart.get("growth_bytes")) > 3000 * 100, cart.toString());
        CSVRecord user = growth.stream().filter(r -> r.get("prefix").startsWith("user")).findFirst().orElseThrow();
        assertEquals(0, Long.parseLong(user.get("growth_bytes")));
        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(out.resolve("report.xlsx")))) {
            assertNotNull(wb.getSheet("Prefix growth"));
            var overview = wb.getSheet("Keys overview");
            assertEquals("All 2 RDB files together", overview.getRow(3).getCell(0).getStringCellValue());
            assertEquals(2000 + 5000, (long) overview.getRow(3).getCell(io.fragscope.report.KeyTables.DATASETS.indexOf("keys")).getNumericCellValue());
        }
    }
}
