package io.fragscope.report;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

/** The workbook's few styles, made once per workbook (Excel caps the number of styles). */
final class XlsxStyles {
    /**
     * Binary units as redis-cli prints them. Excel formats can only scale by 1000, so a byte column holds its value
     * in one binary unit per table (bytes / 2^10 or 2^20: an exact binary fraction, value × 1,048,576 is the byte
     * count) and the format names the unit; per-key tables hold whole bytes.
     */
    static final String MIB_FORMAT = "#,##0.0\" MiB\"", KIB_FORMAT = "#,##0.0\" KiB\"", B_FORMAT = "#,##0\" B\"";
    static final String MIB_AXIS_FORMAT = "#,##0\" MiB\"", KIB_AXIS_FORMAT = "#,##0\" KiB\"";

    final CellStyle title, subtitle, header, headerNumber, text, textLiteral, wrap, bytes, kib, mib, count, integer, ratio, percent, date,
            critical, warning, info, ok;

    XlsxStyles(Workbook wb) {
        Font bold = wb.createFont();
        bold.setBold(true);
        Font big = wb.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 14);
        Font white = wb.createFont();
        white.setBold(true);
        white.setColor(IndexedColors.WHITE.getIndex());
        Font grey = wb.createFont();
        grey.setItalic(true);
        grey.setColor(IndexedColors.GREY_50_PERCENT.getIndex());

        title = wb.createCellStyle();
        title.setFont(big);
        subtitle = wb.createCellStyle();
        subtitle.setFont(grey);
        header = wb.createCellStyle();
        header.setFont(white);
        header.setFillForegroundColor(IndexedColors.GREY_80_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setWrapText(true);
        header.setVerticalAlignment(VerticalAlignment.CENTER);
        header.setBorderBottom(BorderStyle.THIN);
        header.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.LEFT);
        header.setIndention((short) 1); // as the text under it
        // over a column of numbers the header sits right, where the numbers are
        headerNumber = wb.createCellStyle();
        headerNumber.cloneStyleFrom(header);
        headerNumber.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.RIGHT);
        headerNumber.setIndention((short) 0);
        // Text starts one step in: a number right-aligned in the column before does not run into it ("10.43 tiny-instance")
        text = wb.createCellStyle();
        text.setVerticalAlignment(VerticalAlignment.TOP);
        text.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.LEFT); // an indent needs an explicit alignment
        text.setIndention((short) 1);
        textLiteral = wb.createCellStyle();
        textLiteral.cloneStyleFrom(text);
        textLiteral.setQuotePrefixed(true);
        wrap = wb.createCellStyle();
        wrap.setWrapText(true);
        wrap.setVerticalAlignment(VerticalAlignment.TOP);
        wrap.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.LEFT);
        wrap.setIndention((short) 1);
        bytes = numeric(wb, wb.createDataFormat().getFormat(B_FORMAT));
        kib = numeric(wb, wb.createDataFormat().getFormat(KIB_FORMAT));
        mib = numeric(wb, wb.createDataFormat().getFormat(MIB_FORMAT));
        count = numeric(wb, wb.createDataFormat().getFormat("#,##0"));
        integer = numeric(wb, wb.createDataFormat().getFormat("0"));
        ratio = numeric(wb, wb.createDataFormat().getFormat("0.00"));
        percent = numeric(wb, wb.createDataFormat().getFormat("0.0%"));
        date = numeric(wb, wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
        critical = badge(wb, IndexedColors.RED, white);
        warning = badge(wb, IndexedColors.LIGHT_ORANGE, bold);
        info = badge(wb, IndexedColors.PALE_BLUE, bold);
        ok = badge(wb, IndexedColors.LIGHT_GREEN, bold);
    }

    private static CellStyle numeric(Workbook wb, short format) {
        CellStyle s = wb.createCellStyle();
        s.setDataFormat(format);
        s.setVerticalAlignment(VerticalAlignment.TOP);
        return s;
    }

    private static CellStyle badge(Workbook wb, IndexedColors color, Font font) {
        CellStyle s = wb.createCellStyle();
        s.setFillForegroundColor(color.getIndex());
        s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        s.setFont(font);
        s.setAlignment(HorizontalAlignment.CENTER);
        s.setVerticalAlignment(VerticalAlignment.TOP);
        return s;
    }
}
