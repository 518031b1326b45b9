package io.fragscope.report;

import io.fragscope.AnalysisRequest;
import io.fragscope.AnalysisResult;
import io.fragscope.Analyzer;
import io.fragscope.ProgressListener;
import io.fragscope.testing.SharedFiles;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A workbook whose Keys sheet was begun while the inputs were read ({@link KeysSheet.Draft}, what the CLI does once
 * the key sample is full) is the same workbook as one written whole after the read: the same sheets in the same order,
 * every cell's text, style and width, the defined names (print areas, filters) and the selected sheet, on real builds
 * (INFO dumps, RDB file and listing together) and on a file with more keys than the sample keeps, in both languages.
 */
class WorkbookDraftTest {
    @TempDir Path tmp;

    private Path workbook(String name, List<Path> inputs, int sampleRows, boolean draft, Messages messages) throws IOException {
        Path out = tmp.resolve(name + (draft ? "-draft" : "-whole"));
        KeysSheet.Draft began;
        try (OutputFolder folder = OutputFolder.prepare(out)) {
            folder.lock();
            try (KeysCsv keys = new KeysCsv(folder, false, sampleRows)) {
                KeySample sample = keys.sample();
                FileLabels files = FileLabels.under(inputs);
                if (draft) sample.whenFull(() -> sample.attach(KeysSheet.Draft.begin(messages, sample, files)));
                AnalysisResult result = new Analyzer(AnalysisRequest.of(inputs)).run(keys, ProgressListener.NONE);
                keys.finish();
                began = sample.draft();
                try {
                    Reports.full().write(folder, new ReportContext(result, messages, "test", Instant.EPOCH, sample, files),
                            EnumSet.of(ReportFormat.XLSX));
                    folder.commitAll();
                } finally {
                    if (began != null) began.close();
                }
            }
        }
        assertEquals(draft, began != null, name + ": the draft was " + (draft ? "" : "not ") + "begun");
        return out.resolve(XlsxReport.FILE);
    }

    /** Everything a reader sees of a workbook, as lines of text. */
    private static List<String> seen(Path xlsx) throws IOException {
        List<String> lines = new ArrayList<>();
        DataFormatter f = new DataFormatter(java.util.Locale.ROOT);
        try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            lines.add("active " + wb.getActiveSheetIndex() + ", first visible " + wb.getFirstVisibleTab());
            for (Name n : wb.getAllNames()) lines.add("name " + n.getNameName() + " sheet " + n.getSheetIndex() + " = " + n.getRefersToFormula());
            for (int s = 0; s < wb.getNumberOfSheets(); s++) {
                Sheet sh = wb.getSheetAt(s);
                lines.add("sheet " + s + " " + sh.getSheetName() + " selected " + sh.isSelected() + " filter " + ((org.apache.poi.xssf.usermodel.XSSFSheet) sh).getCTWorksheet().isSetAutoFilter()
                        + " charts " + ((org.apache.poi.xssf.usermodel.XSSFSheet) sh).createDrawingPatriarch().getCharts().size());
                for (int c = 0; c < 16; c++) lines.add("  width " + c + " " + sh.getColumnWidth(c));
                for (Row r : sh) {
                    StringBuilder b = new StringBuilder("  row " + r.getRowNum() + ":");
                    for (Cell c : r) b.append(" | ").append(f.formatCellValue(c)).append(" @").append(c.getCellStyle().getDataFormatString());
                    lines.add(b.toString());
                }
            }
        }
        return lines;
    }

    private void same(String name, List<Path> inputs, int sampleRows, Messages messages) throws IOException {
        List<String> whole = seen(workbook(name, inputs, sampleRows, false, messages));
        List<String> draft = seen(workbook(name, inputs, sampleRows, true, messages));
        assertEquals(whole.size(), draft.size(), name);
        for (int i = 0; i < whole.size(); i++) assertEquals(whole.get(i), draft.get(i), name + ", line " + i);
        assertTrue(whole.stream().anyMatch(l -> l.startsWith("sheet ") && l.contains(messages.text("sheet.keys"))), name + ": has a Keys sheet");
    }

    @Test
    void aWorkbookBegunWhileReadingIsTheWorkbookWrittenWhole() throws IOException {
        Path build = SharedFiles.groundTruth().resolve("7.2.6-jemalloc");
        // a sample smaller than the dataset: it fills during the read, and the Keys sheet says how many were left out
        same("7.2.6", List.of(build), 300, Messages.forLanguage("en"));
        same("7.2.6-zh", List.of(build), 300, Messages.forLanguage("zh"));
        Path valkey = SharedFiles.groundTruth().resolve("valkey-9.1.2-jemalloc/dump.rdb");
        assertNotNull(valkey);
        same("valkey", List.of(valkey), 1_000, Messages.forLanguage("en"));
    }
}
