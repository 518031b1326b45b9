package io.fragscope.report;

import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.zip.Deflater;

/**
 * The reports' streamed workbook (POI's {@link SXSSFWorkbook}, {@code window} rows in memory per sheet), tuned for
 * sheets of 100,000 rows:
 * <ul>
 *   <li>its parts are deflated at {@link Deflater#BEST_SPEED}: on the 100,000-key sheet the default level takes about
 *       three times as long for a file about a fifth smaller;</li>
 *   <li>its spill files (a sheet's rows past the window, until the workbook is written) are plain UTF-8 written by
 *       {@link Utf8SpillWriter}: gzipping them would cost a compression and a decompression of every row before the
 *       workbook's own deflate, and POI's own writer (a {@code BufferedWriter} over an {@code OutputStreamWriter}) took
 *       a third of the Keys sheet's time in its locks and its charset encoder.</li>
 * </ul>
 * The sheets' XML is still POI's ({@link SheetDataWriter} writes every row and cell); only the bytes under it change.
 */
final class StreamedWorkbook extends SXSSFWorkbook {
    StreamedWorkbook(XSSFWorkbook base, int window) {
        super(base, window);
        setCompressTempFiles(false);
    }

    @Override
    protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
        ZipArchiveOutputStream zos = super.createArchiveOutputStream(out);
        zos.setLevel(Deflater.BEST_SPEED);
        return zos;
    }

    @Override
    protected SheetDataWriter createSheetDataWriter() throws IOException {
        return new SheetDataWriter() {
            @Override
            public Writer createWriter(File fd) throws IOException {
                // Called from SheetDataWriter's constructor: it may use nothing of this instance but its argument.
                return new Utf8SpillWriter(new FileOutputStream(fd));
            }
        };
    }
}
