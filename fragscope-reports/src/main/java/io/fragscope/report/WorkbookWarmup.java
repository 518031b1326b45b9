package io.fragscope.report;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.OutputStream;

/**
 * Runs the workbook's chart, XML and zip code once on a throwaway three-row workbook, on a daemon thread, while
 * the real workbook's first sheets are made. Once the inputs are read, the run is one thread writing the workbook;
 * most of that time goes to loading and first running about 1,500 classes (POI's charts, the XML schema types, the
 * zip writer), so the second core loads them ahead of the thread that will need them (a class being loaded by one
 * thread is waited for, never loaded twice). On the 4M-key benchmark file: 0.13 to 0.32 s less for the default run (six alternated pairs).
 * Started during the read instead, the same work slowed the read, which keeps both cores busy.
 */
final class WorkbookWarmup {
    private WorkbookWarmup() {}

    /** Starts the warm-up; it ends on its own and writes nothing anywhere; {@link Warmup} keeps what it met. */
    static Warmup start() {
        return Warmup.start("workbook warm-up", WorkbookWarmup::run);
    }

    private static void run() {
        // A workbook held in memory (not streamed): it writes no spill file, so the warm-up touches no folder and may
        // be cut off by the end of the run at any point. Its charts, XML types and zip writer are the streamed one's.
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet("warm-up");
            for (int r = 0; r < 3; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue("k" + r);
                row.createCell(1).setCellValue(r);
                row.createCell(2).setCellValue(2.0 * r);
            }
            XlsxCharts.Column a = new XlsxCharts.Column(1, "a"), b = new XlsxCharts.Column(2, "b");
            XlsxCharts.stackedBars(sheet, new XlsxCharts.Box(4, 0, 10, 10), "warm-up", 0, 0, 2, a, b);
            XlsxCharts.bars(sheet, new XlsxCharts.Box(4, 12, 10, 22), "warm-up", 0, 0, 2, SheetTable.Unit.B, a);
            wb.write(OutputStream.nullOutputStream());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);   // none is expected (an in-memory workbook, a null stream)
        }
    }
}
