package io.fragscope.source.rdb;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every event of {@link RdbVisitor} is forwarded by the visitors that pass events on (the forwarding base and the
 * reclaim plan's tee): an event added to the interface but not to them would be lost silently.
 */
class ForwardingRdbVisitorTest {
    @Test
    void forwardsEveryEvent() throws Exception {
        for (Method m : RdbVisitor.class.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers())) continue;
            assertEquals(ForwardingRdbVisitor.class, ForwardingRdbVisitor.class.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass(), m.getName());
            assertEquals(io.fragscope.source.rdb.TeeVisitor.class,
                    io.fragscope.source.rdb.TeeVisitor.class.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass(), m.getName());
        }
    }
}
