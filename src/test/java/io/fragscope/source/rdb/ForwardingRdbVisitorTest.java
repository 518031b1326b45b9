package io.fragscope.source.rdb;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every event of {@link RdbVisitor} is forwarded: an event added to the interface but not here would be lost silently. */
class ForwardingRdbVisitorTest {
    @Test
    void forwardsEveryEvent() throws Exception {
        for (Method m : RdbVisitor.class.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers())) continue;
            assertEquals(ForwardingRdbVisitor.class, ForwardingRdbVisitor.class.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass(), m.getName());
        }
    }
}
