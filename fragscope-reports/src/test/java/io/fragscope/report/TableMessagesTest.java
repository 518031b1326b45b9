package io.fragscope.report;

import io.fragscope.report.table.Column;
import io.fragscope.report.table.Table;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every table definition's title and column headers have a message in the English and the Chinese bundle. */
class TableMessagesTest {

    static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyTableAndColumnHasAMessageInBothLanguages() throws IOException {
        Properties en = bundle("messages.properties"), zh = bundle("messages_zh.properties");
        List<String> missing = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ReportTables.Bound<?> b : ReportTables.ALL) {
            Table<?> t = b.table();
            assertTrue(ids.add(t.id()), "table id used twice: " + t.id());
            List<String> keys = new ArrayList<>(List.of(t.titleKey()));
            Set<String> columns = new HashSet<>();
            for (Column<?> c : t.columns()) {
                keys.add(c.headerKey());
                assertTrue(columns.add(c.id()), t.id() + ": column id used twice: " + c.id());
            }
            for (String k : keys) {
                if (!en.containsKey(k)) missing.add("en " + t.id() + " " + k);
                if (!zh.containsKey(k)) missing.add("zh " + t.id() + " " + k);
                else if (en.containsKey(k) && !k.startsWith("col.run_id") && zh.getProperty(k).equals(en.getProperty(k))
                        && en.getProperty(k).chars().anyMatch(Character::isLowerCase) && !en.getProperty(k).contains("_")) {
                    missing.add("zh not translated " + t.id() + " " + k);
                }
            }
        }
        assertEquals(List.of(), missing);
        assertEquals(20, ReportTables.ALL.size(), "tables a run can report");
    }
}
