package io.fragscope.report;

import io.fragscope.analysis.reclaim.ReclaimStep;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A step's commands stay literal; the instructions among them are in the workbook's language. */
class ReclaimPlanTextTest {
    private static final ReclaimStep CONFIG = new ReclaimStep("config", true, "config-raise", List.of(), 1 << 20, 10 << 20, 1.2,
            List.of("CONFIG SET hash-max-listpack-entries 256", ReclaimStep.RELOAD), -1);

    @Test
    void instructionsAreTranslatedAndCommandsAreNot() {
        assertEquals("CONFIG SET hash-max-listpack-entries 256\nthen reload: restart or failover (existing keys convert only when loaded)",
                ReclaimPlanText.commands(Messages.forLanguage("en"), CONFIG));
        assertEquals("CONFIG SET hash-max-listpack-entries 256\n然后重新加载：重启或故障切换（现有键只在加载时转换编码）",
                ReclaimPlanText.commands(Messages.forLanguage("zh"), CONFIG));
        ReclaimStep restart = new ReclaimStep("restart", true, "restart-priced", List.of(), 1, 1, 1.0, List.of(ReclaimStep.FAILOVER_OR_RESTART), -1);
        assertEquals("故障切换到副本，或执行 SHUTDOWN SAVE 后重新启动", ReclaimPlanText.commands(Messages.forLanguage("zh"), restart));
    }
}
