package io.fragscope.cli;

import io.fragscope.source.KeyName;
import io.fragscope.testing.SharedFiles;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A real SCAN + MEMORY USAGE listing (groundtruth keys.csv) through the CLI, plus hostile key names. */
class AnalyzeListingEndToEndTest {
    @TempDir Path tmp;
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    /** Key names an application user could pick, as keys.csv escapes them (\xNN for control bytes). */
    static final List<String> HOSTILE = List.of("=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)", "\\x09=tab", "\\x0d=cr",
            "'=already-quoted", "bin:\\x00\\xff");

    int run(String... args) {
        return Main.run(args, new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @Test
    void listingTotalsReachEveryReportAndHostileNamesStayText() throws IOException {
        Path listing = tmp.resolve("keys-7.4.1.csv");
        StringBuilder extra = new StringBuilder();
        for (String k : HOSTILE) extra.append("0,\"").append(k.replace("\"", "\"\"")).append("\",string,embstr,64,3,-1\n");
        Files.writeString(listing, Files.readString(SharedFiles.groundTruth().resolve("7.4.1-jemalloc/keys.csv")) + extra);
        Path out = tmp.resolve("out");
        assertEquals(0, run("analyze", "-q", "-f", "xlsx,csv,json", "-o", out.toString(), listing.toString()), stderr.toString());

        long expectedKeys = SharedFiles.noteNumber(SharedFiles.groundTruth().resolve("7.4.1-jemalloc"), "Keys") + HOSTILE.size();
        long expectedUsage = SharedFiles.noteNumber(SharedFiles.groundTruth().resolve("7.4.1-jemalloc"), "Sum of memory_usage") + 64L * HOSTILE.size();
        CSVRecord ds = AnalyzeInfoEndToEndTest.csv(out.resolve("datasets.csv")).get(0);
        assertEquals(expectedKeys, Long.parseLong(ds.get("keys")));
        assertEquals(expectedUsage, Long.parseLong(ds.get("memory_usage_bytes")));

        // keys.csv: every hostile name neutralised, and reversible to the same bytes.
        Map<String, String> csvKeys = new HashMap<>();
        for (CSVRecord r : AnalyzeInfoEndToEndTest.csv(out.resolve("keys.csv"))) csvKeys.put(r.get("key"), r.get("memory_usage_bytes"));
        assertEquals(expectedKeys, csvKeys.size());
        for (String k : HOSTILE) {
            String cell = csvEscaped(k);
            assertTrue(csvKeys.containsKey(cell), "keys.csv lacks " + cell);
            assertFalse(startsLikeFormula(cell), cell);
            assertArrayEquals(KeyName.unescape(k).toByteArray(), unCsv(cell).toByteArray());
        }

        try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(out.resolve("report.xlsx")))) {
            Sheet keys = wb.getSheet("Keys");
            assertNotNull(keys);
            assertEquals(expectedKeys, keys.getLastRowNum());
            int seen = 0;
            for (Row row : keys) {
                Cell key = row.getCell(2);
                if (key == null || !HOSTILE.contains(key.getStringCellValue()) && !key.getStringCellValue().equals("\\x27=already-quoted")) continue;
                assertEquals(CellType.STRING, key.getCellType());
                if (startsLikeFormula(key.getStringCellValue())) assertTrue(key.getCellStyle().getQuotePrefixed(), key.getStringCellValue());
                seen++;
            }
            assertEquals(HOSTILE.size(), seen);
            assertNotNull(wb.getSheet("By type").getDrawingPatriarch(), "by-type chart");
            assertEquals(expectedKeys, (long) wb.getSheet("Keys overview").getRow(1).getCell(io.fragscope.report.KeyTables.DATASETS.indexOf("keys")).getNumericCellValue());
        }
        String json = Files.readString(out.resolve("summary.json"));
        assertTrue(json.contains("\"memory_usage_bytes\" : " + expectedUsage), "summary.json datasets totals");
    }

    static boolean startsLikeFormula(String s) {
        return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0;
    }

    /** What keys.csv must hold for a key whose escaped form is {@code k}. */
    static String csvEscaped(String k) {
        if (k.startsWith("'")) return "\\x27" + k.substring(1);
        return startsLikeFormula(k) ? "'" + k : k;
    }

    static KeyName unCsv(String cell) {
        String k = cell.length() > 1 && cell.charAt(0) == '\'' && startsLikeFormula(cell.substring(1)) ? cell.substring(1) : cell;
        return KeyName.unescape(k);
    }
}
