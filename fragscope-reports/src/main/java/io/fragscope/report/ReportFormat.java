package io.fragscope.report;

import java.util.Locale;

/** The report files a run can write; {@code summary.json} is written in every run regardless. */
public enum ReportFormat {
    XLSX, CSV, JSON;

    public static ReportFormat parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + s + "' (choose xlsx, csv or json)");
        }
    }
}
