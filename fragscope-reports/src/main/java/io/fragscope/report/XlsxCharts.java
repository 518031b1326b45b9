package io.fragscope.report;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/** Native Excel charts over ranges of a sheet, so they stay live if a reader edits or filters the data. */
final class XlsxCharts {
    private XlsxCharts() {}

    /** Fixed colours: LibreOffice draws series without explicit fills invisibly, and fixed ones read the same everywhere. */
    private static final byte[][] PALETTE = {
            {(byte) 0x4e, (byte) 0x79, (byte) 0xa7}, {(byte) 0xa0, (byte) 0xcb, (byte) 0xe8}, {(byte) 0xf2, (byte) 0x8e, (byte) 0x2b},
            {(byte) 0xe1, (byte) 0x57, (byte) 0x59}, {(byte) 0x76, (byte) 0xb7, (byte) 0xb2}, {(byte) 0x59, (byte) 0xa1, (byte) 0x4f},
            {(byte) 0xed, (byte) 0xc9, (byte) 0x48}, {(byte) 0xb0, (byte) 0x7a, (byte) 0xa1}, {(byte) 0x9c, (byte) 0x75, (byte) 0x5f}};

    static org.apache.poi.xddf.usermodel.XDDFSolidFillProperties fill(int i) {
        return new org.apache.poi.xddf.usermodel.XDDFSolidFillProperties(
                org.apache.poi.xddf.usermodel.XDDFColor.from(PALETTE[i % PALETTE.length]));
    }

    static org.apache.poi.xddf.usermodel.XDDFLineProperties line(int i) {
        org.apache.poi.xddf.usermodel.XDDFLineProperties l = new org.apache.poi.xddf.usermodel.XDDFLineProperties(fill(i));
        l.setWidth(2.0);
        return l;
    }

    /** Where a chart goes, in cells: columns [col1, col2), rows [row1, row2). */
    record Box(int col1, int row1, int col2, int row2) {}

    /** Named numeric column of the sheet: header text in {@code headerRow}, values in rows [first, last]. */
    record Column(int col, String title) {}

    /**
     * The sheet charts are drawn on: a streamed sheet's template, which the streamed rows are merged into when
     * the workbook is written. Series refer to the cells (the application reads them when it opens the file).
     */
    static XSSFSheet drawable(Sheet sheet) {
        if (sheet instanceof SXSSFSheet s) return ((SXSSFWorkbook) s.getWorkbook()).getXSSFWorkbook().getSheet(s.getSheetName());
        return (XSSFSheet) sheet;
    }

    /** Whether rows [first, last] hold anything to draw; an empty range makes no chart (POI rejects it). */
    static boolean drawable(int first, int last) { return first >= 0 && last >= first; }

    static XSSFChart chart(Sheet s, Box box, String title) {
        XSSFSheet sheet = drawable(s);
        XSSFDrawing drawing = sheet.getDrawingPatriarch() != null ? sheet.getDrawingPatriarch() : sheet.createDrawingPatriarch();
        XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, box.col1(), box.row1(), box.col2(), box.row2());
        XSSFChart chart = drawing.createChart(anchor);
        chart.setTitleText(title);
        chart.setTitleOverlay(false);
        chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        return chart;
    }

    /** Horizontal stacked bars: one bar per category row, one segment per column. */
    static void stackedBars(Sheet target, Box box, String title, int categoryCol, int first, int last, Column... segments) {
        if (!drawable(first, last)) return;
        XSSFSheet sheet = drawable(target);
        XSSFChart chart = chart(sheet, box, title);
        XDDFCategoryAxis cat = chart.createCategoryAxis(AxisPosition.LEFT);
        XDDFValueAxis val = chart.createValueAxis(AxisPosition.BOTTOM);
        val.setCrosses(AxisCrosses.AUTO_ZERO);
        val.setNumberFormat(XlsxStyles.MIB_AXIS_FORMAT);
        XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, cat, val);
        data.setBarDirection(BarDirection.BAR);
        data.setBarGrouping(BarGrouping.STACKED);
        data.setGapWidth(60);
        XDDFDataSource<String> cats = XDDFDataSourcesFactory.fromStringCellRange(sheet, new CellRangeAddress(first, last, categoryCol, categoryCol));
        int i = 0;
        for (Column c : segments) series(data, cats, sheet, first, last, c).setFillProperties(fill(i++));
        chart.plot(data);
    }

    /** Vertical bars of one or more columns, grouped. */
    static void bars(Sheet target, Box box, String title, int categoryCol, int first, int last, SheetTable.Unit bytesAxis, Column... columns) {
        if (!drawable(first, last)) return;
        XSSFSheet sheet = drawable(target);
        XSSFChart chart = chart(sheet, box, title);
        XDDFCategoryAxis cat = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis val = chart.createValueAxis(AxisPosition.LEFT);
        val.setCrosses(AxisCrosses.AUTO_ZERO);
        if (bytesAxis != null && bytesAxis.axisFormat != null) val.setNumberFormat(bytesAxis.axisFormat);
        XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, cat, val);
        data.setBarDirection(BarDirection.COL);
        data.setBarGrouping(BarGrouping.CLUSTERED);
        XDDFDataSource<String> cats = XDDFDataSourcesFactory.fromStringCellRange(sheet, new CellRangeAddress(first, last, categoryCol, categoryCol));
        int i = 0;
        for (Column c : columns) series(data, cats, sheet, first, last, c).setFillProperties(fill(i++));
        chart.plot(data);
    }

    /**
     * A time-scaled chart (XY scatter, so points sit at their capture time, not evenly spaced): byte columns as
     * lines on the left axis, ratio columns on a right axis; {@code markers} are drawn as points only (restarts),
     * blank cells leave gaps. Axis titles name the units.
     */
    static void timeSeries(Sheet target, Box box, String title, int timeCol, int first, int last, String timeFormat, String timeTitle,
                           String bytesTitle, String ratioTitle, Column[] bytes, Column[] ratios, Column[] markers) {
        if (!drawable(first, last)) return;
        XSSFSheet sheet = drawable(target);
        XSSFChart chart = chart(sheet, box, title);
        // Blank cells (a ratio left out on a tiny instance, rows without a restart) are gaps, not zeros.
        chart.displayBlanksAs(org.apache.poi.xddf.usermodel.chart.DisplayBlanks.GAP);
        // Its helper columns may be hidden from the reader; the chart still draws them.
        chart.setPlotOnlyVisibleCells(false);
        XDDFValueAxis x = chart.createValueAxis(AxisPosition.BOTTOM);
        x.setNumberFormat(timeFormat);
        x.setTitle(timeTitle);
        XDDFValueAxis left = chart.createValueAxis(AxisPosition.LEFT);
        left.setCrosses(AxisCrosses.AUTO_ZERO);
        left.setNumberFormat(XlsxStyles.MIB_AXIS_FORMAT);
        left.setTitle(bytesTitle);
        XDDFNumericalDataSource<Double> times = XDDFDataSourcesFactory.fromNumericCellRange(sheet, new CellRangeAddress(first, last, timeCol, timeCol));
        org.apache.poi.xddf.usermodel.chart.XDDFScatterChartData lines =
                (org.apache.poi.xddf.usermodel.chart.XDDFScatterChartData) chart.createData(ChartTypes.SCATTER, x, left);
        lines.setStyle(org.apache.poi.xddf.usermodel.chart.ScatterStyle.LINE_MARKER);
        int i = 0;
        for (Column c : bytes) {
            var s = (org.apache.poi.xddf.usermodel.chart.XDDFScatterChartData.Series) series(lines, times, sheet, first, last, c);
            s.setMarkerStyle(MarkerStyle.CIRCLE);
            s.setSmooth(false);
            s.setLineProperties(line(i++));
        }
        chart.plot(lines);

        XDDFValueAxis x2 = chart.createValueAxis(AxisPosition.BOTTOM);
        x2.setVisible(false);
        XDDFValueAxis right = chart.createValueAxis(AxisPosition.RIGHT);
        right.setCrosses(AxisCrosses.MAX);
        right.setNumberFormat("0.0");
        right.setTitle(ratioTitle);
        x2.crossAxis(right);
        right.crossAxis(x2);
        var ratioData = (org.apache.poi.xddf.usermodel.chart.XDDFScatterChartData) chart.createData(ChartTypes.SCATTER, x2, right);
        ratioData.setStyle(org.apache.poi.xddf.usermodel.chart.ScatterStyle.LINE_MARKER);
        int colour = 3;
        for (Column c : ratios) {
            var s = (org.apache.poi.xddf.usermodel.chart.XDDFScatterChartData.Series) series(ratioData, times, sheet, first, last, c);
            // The measured ratio is marked: a dump between two left out (under 5 MiB) has no line to either side, and
            // would not show at all. The threshold (the second) is a line only.
            s.setMarkerStyle(colour == 3 ? MarkerStyle.DIAMOND : MarkerStyle.NONE);
            s.setSmooth(false);
            org.apache.poi.xddf.usermodel.XDDFLineProperties lp = line(colour++);
            if (colour > 4) lp.setPresetDash(new org.apache.poi.xddf.usermodel.XDDFPresetLineDash(org.apache.poi.xddf.usermodel.PresetLineDash.DASH));
            s.setLineProperties(lp);
        }
        for (Column c : markers) {
            var s = (org.apache.poi.xddf.usermodel.chart.XDDFScatterChartData.Series) series(ratioData, times, sheet, first, last, c);
            s.setMarkerStyle(MarkerStyle.TRIANGLE);
            s.setSmooth(false);
            org.apache.poi.xddf.usermodel.XDDFLineProperties none = new org.apache.poi.xddf.usermodel.XDDFLineProperties(
                    new org.apache.poi.xddf.usermodel.XDDFNoFillProperties());
            s.setLineProperties(none);
            s.setFillProperties(fill(7));
        }
        chart.plot(ratioData);
    }

    /** A series of column {@code c}'s rows [first, last] over {@code x}, titled by the column's header. */
    private static XDDFChartData.Series series(XDDFChartData data, XDDFDataSource<?> x, XSSFSheet sheet, int first, int last, Column c) {
        XDDFNumericalDataSource<Double> values = XDDFDataSourcesFactory.fromNumericCellRange(sheet, new CellRangeAddress(first, last, c.col(), c.col()));
        XDDFChartData.Series s = data.addSeries(x, values);
        s.setTitle(c.title(), null);
        return s;
    }
}
