package io.fragscope.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fragscope.AnalysisRequest;
import io.fragscope.AnalysisResult;
import io.fragscope.Analyzer;
import io.fragscope.testing.SharedFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The INFO fields of a real Redis 8.6.3 dump in fields.csv, summary.json and the workbook's INFO fields sheet: each
 * value is the text after its line's colon, as the server wrote it ({@code 232B}, {@code 0B}, {@code 00000000}, -1),
 * and a workbook cell is a number only when that number prints as the value.
 */
class InfoFieldsAsWrittenTest {
    static final Path DUMP = SharedFiles.groundTruth().resolve("8.6.3-libc/info-reloaded.txt");

    @TempDir static Path out;
    static List<String> lines;

    @BeforeAll
    static void writeReports() throws IOException {
        lines = Files.readAllLines(DUMP);
        AnalysisResult r = new Analyzer(AnalysisRequest.of(List.of(DUMP))).run();
        try (OutputFolder folder = OutputFolder.prepare(out)) {
            Reports.full().write(folder, new ReportContext(r, Messages.forLanguage("en"), "test", Instant.EPOCH, null),
                    EnumSet.of(ReportFormat.XLSX, ReportFormat.CSV));
            folder.commitAll();
        }
    }

    /** What line {@code no} of the dump has after its first colon, CR and spaces around left out. */
    static String written(long no) {
        String line = lines.get((int) no - 1);
        return line.substring(line.indexOf(':') + 1).strip();
    }

    @Test
    void fieldsCsvHasEveryValueAsWritten() throws IOException {
        Map<String, String> byName = new HashMap<>();
        List<CSVRecord> rows;
        try (Reader rd = Files.newBufferedReader(out.resolve("fields.csv"))) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(rd).getRecords();
        }
        assertTrue(rows.size() > 200, "every field of the dump: " + rows.size());
        for (CSVRecord row : rows) {
            assertEquals(written(Long.parseLong(row.get("line"))), row.get("value"), row.get("field"));
            byName.put(row.get("field"), row.get("value"));
        }
        assertEquals("232B", byName.get("used_memory_scripts_human"));
        assertEquals("0B", byName.get("maxmemory_human"));
        assertEquals("32.00K", byName.get("used_memory_lua_human"), "a suffix after a decimal was always kept");
        assertEquals("00000000", byName.get("redis_git_sha1"));
        assertEquals("-1", byName.get("rdb_last_bgsave_time_sec"), "an integer, not a formula: no apostrophe");
    }

    @Test
    void summaryJsonHasEveryValueAsWritten() throws IOException {
        JsonNode fields = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("dumps").get(0).get("fields");
        for (String name : List.of("used_memory_scripts_human", "maxmemory_human", "redis_git_sha1", "rdb_last_bgsave_time_sec", "used_memory")) {
            JsonNode v = fields.get(name);
            assertTrue(v.isTextual(), name);
            assertEquals(written(lineOf(name)), v.asText(), name);
        }
        assertEquals("232B", fields.get("used_memory_scripts_human").asText());
    }

    @Test
    void theWorkbookStoresANumberOnlyWhereItPrintsAsTheValue() throws IOException {
        DataFormatter shown = new DataFormatter();
        Map<String, Cell> byName = new HashMap<>();
        int numbers = 0;
        try (InputStream in = Files.newInputStream(out.resolve("report.xlsx")); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet sh = wb.getSheet("INFO fields");
            assertEquals("Value", sh.getRow(0).getCell(4).getStringCellValue());
            for (int i = 1; i <= sh.getLastRowNum(); i++) {
                Row row = sh.getRow(i);
                Cell value = row.getCell(4);
                String expected = written((long) row.getCell(5).getNumericCellValue());
                assertEquals(expected, shown.formatCellValue(value), "shown as written: " + row.getCell(3));
                if (value.getCellType() == CellType.NUMERIC) {
                    numbers++;
                    assertEquals(expected, Long.toString((long) value.getNumericCellValue()), "a number whose text is the value");
                    assertEquals(value.getNumericCellValue(), Long.parseLong(expected), 0);
                } else {
                    assertEquals(CellType.STRING, value.getCellType(), row.getCell(3).toString());
                    assertEquals(expected, value.getStringCellValue());
                }
                byName.put(row.getCell(3).getStringCellValue(), value);
            }
        }
        assertTrue(numbers > 50, "byte counts and counters stay numbers: " + numbers);
        assertEquals(CellType.STRING, byName.get("redis_git_sha1").getCellType(), "00000000 is not the number 0");
        assertEquals(CellType.STRING, byName.get("master_replid2").getCellType());
        assertEquals(CellType.STRING, byName.get("used_memory_scripts_human").getCellType());
        assertEquals("0B", byName.get("maxmemory_human").getStringCellValue());
        assertEquals(CellType.STRING, byName.get("server_time_usec").getCellType(), "16 digits: a double would show it rounded");
        assertEquals(CellType.NUMERIC, byName.get("used_memory").getCellType());
        assertEquals(Long.parseLong(written(lineOf("used_memory"))), byName.get("used_memory").getNumericCellValue(), 0);
        assertEquals(-1, byName.get("rdb_last_bgsave_time_sec").getNumericCellValue(), 0, "-1, not an empty cell");
    }

    static long lineOf(String name) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(name + ":")) return i + 1;
        throw new AssertionError("no " + name + " in " + DUMP);
    }
}
