package io.fragscope.report.rollup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fragscope.AnalysisRequest;
import io.fragscope.InputAnalyzer;
import io.fragscope.InputResult;
import io.fragscope.analysis.rollup.DumpFigures;
import io.fragscope.analysis.rollup.FleetPlacement;
import io.fragscope.analysis.rollup.FleetRollup;
import io.fragscope.analysis.rollup.KeyFileFigures;
import io.fragscope.analysis.rollup.Rollup;
import io.fragscope.report.Messages;
import io.fragscope.report.table.Column;
import io.fragscope.report.table.Table;
import io.fragscope.source.InputKind;
import io.fragscope.source.InputSource;
import io.fragscope.testing.SharedFiles;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * rollup.xlsx read back holds rollup.json's figures, sheet by sheet, for a roll-up of real files (two ground-truth
 * builds' dumps and RDBs in one cluster, a cluster-mode RDB with hash tags in another): the Clusters sheet one row per
 * {@link RollupColumn}, the list sheets the columns of {@link RollupJson}'s tables, bytes as MiB.
 */
class RollupWorkbookTest {
    private static final double MIB = 1024.0 * 1024.0;
    private static final Messages EN = Messages.forLanguage("en");

    private static Rollup realRollup() {
        InputAnalyzer analyzer = new InputAnalyzer(AnalysisRequest.of(List.of()));
        FleetRollup all = new FleetRollup();
        List<Object[]> parts = new ArrayList<>();
        Path gt = SharedFiles.groundTruth();
        for (String build : List.of("7.2.6-jemalloc", "8.6.3-libc")) {
            for (String f : List.of("dump.rdb", "info-empty.txt", "info-reloaded.txt")) {
                parts.add(new Object[] {new FleetPlacement("beta", build, null), gt.resolve(build).resolve(f)});
            }
        }
        parts.add(new Object[] {new FleetPlacement("gamma", "tagged", null), SharedFiles.root().resolve("corpus/redis-replicator/dump-slot.rdb")});
        for (Object[] p : parts) {
            FleetPlacement at = (FleetPlacement) p[0];
            Path file = (Path) p[1];
            InputResult r = analyzer.analyze(InputSource.of(file));
            FleetRollup part = new FleetRollup().addInput(at.cluster(), r.report().status().id(), file.toFile().length());
            r.dump().ifPresent(d -> part.add(DumpFigures.of(at, file.toString(), d)));
            r.dataset().ifPresent(d -> part.add(KeyFileFigures.of(at, file.toString(), KeyFileFigures.capturedAtMs(d.summary(), 0),
                    d.kind() == InputKind.RDB, d.summary(), d.profile() == null ? null : d.profile().where())));
            all.merge(part);
        }
        return all.finish();
    }

    /** A cell as the JSON value it shows: bytes columns back in bytes (MiB times 1,048,576), text as text, empty as null. */
    private static void assertShows(JsonNode json, Cell cell, boolean bytes, String where) {
        if (json == null || json.isNull()) {
            assertTrue(cell == null || cell.getCellType() == CellType.BLANK, where + ": unknown is an empty cell");
            return;
        }
        if (json.isNumber()) {
            double shown = cell.getNumericCellValue() * (bytes ? MIB : 1);
            assertEquals(json.asDouble(), shown, Math.max(1e-6, Math.abs(json.asDouble()) * 1e-12), where);
        } else {
            assertEquals(json.asText(), cell.getStringCellValue(), where);
        }
    }

    private static boolean isBytes(io.fragscope.report.table.Unit u) {
        return u == io.fragscope.report.table.Unit.BYTES || u == io.fragscope.report.table.Unit.SIGNED_BYTES;
    }

    @Test
    void everySheetShowsTheJsonFiguresOfARealRollup() throws IOException {
        Rollup rollup = realRollup();
        ByteArrayOutputStream json = new ByteArrayOutputStream(), xlsx = new ByteArrayOutputStream();
        RollupJson.write(rollup, json);
        new RollupWorkbook(EN).write(rollup, xlsx);
        JsonNode root = new ObjectMapper().readTree(json.toByteArray());
        List<JsonNode> scopes = new ArrayList<>();
        scopes.add(root.get("fleet"));
        root.get("clusters").forEach(scopes::add);
        assertEquals(3, scopes.size(), "the fleet, beta and gamma");

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.toByteArray()))) {
            Sheet clusters = wb.getSheet(EN.text("rollup.sheet.clusters"));
            int r = 3, figures = 0;
            for (RollupColumn col : RollupColumn.ALL) {
                if (col.name().equals("scope") || col.name().equals("cluster")) continue;
                Row row = clusters.getRow(r++);
                assertEquals(EN.text("rollup.col." + col.name()), row.getCell(0).getStringCellValue());
                for (int i = 0; i < scopes.size(); i++) {
                    assertShows(scopes.get(i).get(col.name()), row.getCell(i + 1), col.unit() == io.fragscope.report.table.Unit.BYTES,
                            col.name() + " of scope " + i);
                    if (scopes.get(i).get(col.name()).isNumber()) figures++;
                }
            }
            assertTrue(figures > 40, "most figures are known: " + figures);
            for (int i = 0; i < scopes.size(); i++) {
                // a scope's column fits its longest text (instance and shard names) and half its name (two header lines)
                String name = scopes.get(i).get("cluster").isNull() ? EN.text("rollup.all_clusters") : scopes.get(i).get("cluster").asText();
                int longest = name.length() / 2;
                for (RollupColumn col : RollupColumn.ALL) {
                    JsonNode v = scopes.get(i).get(col.name());
                    if (col.unit() == io.fragscope.report.table.Unit.TEXT && v != null && v.isTextual() && !col.name().equals("scope") && !col.name().equals("cluster")) {
                        longest = Math.max(longest, v.asText().length());
                    }
                }
                assertEquals(Math.min(60, Math.max(18, longest + 2)) * 256, clusters.getColumnWidth(i + 1), "scope " + i);
                assertEquals(HorizontalAlignment.RIGHT, clusters.getRow(2).getCell(i + 1).getCellStyle().getAlignment(), "scope " + i + " over its figures");
            }

            assertLines(wb.getSheet(EN.text("rollup.sheet.instances")), RollupJson.WORST_INSTANCES, scopes, "worst_instances");
            assertLines(wb.getSheet(EN.text("rollup.sheet.hash_tags")), RollupJson.HASH_TAGS, scopes, "hash_tags");
        }
    }

    private static <L> void assertLines(Sheet sheet, Table<L> table, List<JsonNode> scopes, String list) {
        Row head = sheet.getRow(2);
        assertEquals(EN.text("rollup.col.cluster"), head.getCell(0).getStringCellValue());
        assertEquals(EN.text("rollup.col.rank"), head.getCell(1).getStringCellValue());
        for (int c = 0; c < table.columns().size(); c++) {
            assertEquals(EN.text(table.columns().get(c).headerKey()), head.getCell(c + 2).getStringCellValue(), list + " header " + c);
            // a header sits as its values do: text left and indented (so a name does not run into the figure left of it), numbers right
            boolean text = table.columns().get(c).unit() == io.fragscope.report.table.Unit.TEXT;
            assertEquals(text ? HorizontalAlignment.LEFT : HorizontalAlignment.RIGHT, head.getCell(c + 2).getCellStyle().getAlignment(), list + " header " + c);
            assertEquals(text ? 1 : 0, head.getCell(c + 2).getCellStyle().getIndention(), list + " header " + c);
        }
        assertEquals(HorizontalAlignment.RIGHT, head.getCell(1).getCellStyle().getAlignment(), list + ": rank");
        int[] longest = new int[table.columns().size() + 2];
        int r = 3, lines = 0;
        for (JsonNode scope : scopes) {
            String name = scope.get("cluster").isNull() ? EN.text("rollup.all_clusters") : scope.get("cluster").asText();
            int rank = 0;
            for (JsonNode line : scope.get(list)) {
                Row row = sheet.getRow(r++);
                assertEquals(name, row.getCell(0).getStringCellValue());
                longest[0] = Math.max(longest[0], name.length());
                for (int c = 0; c < table.columns().size(); c++) {
                    if (table.columns().get(c).unit() == io.fragscope.report.table.Unit.TEXT && !line.get(table.columns().get(c).id()).isNull()) {
                        longest[c + 2] = Math.max(longest[c + 2], line.get(table.columns().get(c).id()).asText().length());
                    }
                }
                assertEquals(++rank, (int) row.getCell(1).getNumericCellValue());
                for (int c = 0; c < table.columns().size(); c++) {
                    Column<L> col = table.columns().get(c);
                    assertShows(line.get(col.id()), row.getCell(c + 2), isBytes(col.unit()), list + " " + col.id() + " row " + r);
                }
                lines++;
            }
        }
        assertTrue(lines > 0, list + " has rows");
        for (int c = 0; c < longest.length; c++) {
            // a text column shows its longest value whole (up to 60 characters), a number column keeps the default
            if (longest[c] > 0) assertEquals(Math.min(60, Math.max(18, longest[c] + 2)) * 256, sheet.getColumnWidth(c), list + " column " + c);
        }
        Row after = sheet.getRow(r);
        assertTrue(after == null || after.getCell(2) == null, list + ": no row beyond the JSON's");
        assertFalse(sheet.getRow(r + 1) == null, list + ": the note follows");
        assertNull(sheet.getRow(r + 1).getCell(2), list + ": the note is one merged cell");
    }
}
