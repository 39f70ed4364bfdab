package io.jynamo.core.expression;

import io.jynamo.core.expression.ast.Condition;
import io.jynamo.core.expression.ast.Operand;

import java.util.LinkedHashSet;
import java.util.Set;

/** The top-level attributes a condition refers to. */
public final class ConditionPaths {
    private ConditionPaths() {
    }

    public static Set<String> attributes(Condition c) {
        Set<String> names = new LinkedHashSet<>();
        collect(c, names);
        return names;
    }

    private static void collect(Condition c, Set<String> names) {
        if (c instanceof Condition.And a) {
            collect(a.left(), names);
            collect(a.right(), names);
        } else if (c instanceof Condition.Or o) {
            collect(o.left(), names);
            collect(o.right(), names);
        } else if (c instanceof Condition.Not n) {
            collect(n.condition(), names);
        } else if (c instanceof Condition.Compare cmp) {
            operand(cmp.left(), names);
            operand(cmp.right(), names);
        } else if (c instanceof Condition.Between b) {
            operand(b.value(), names);
            operand(b.low(), names);
            operand(b.high(), names);
        } else if (c instanceof Condition.In in) {
            operand(in.value(), names);
            in.candidates().forEach(o -> operand(o, names));
        } else if (c instanceof Condition.AttributeExists e) {
            names.add(e.path().attribute());
        } else if (c instanceof Condition.AttributeNotExists e) {
            names.add(e.path().attribute());
        } else if (c instanceof Condition.AttributeTypeIs t) {
            names.add(t.path().attribute());
        } else if (c instanceof Condition.BeginsWith bw) {
            operand(bw.value(), names);
            operand(bw.prefix(), names);
        } else if (c instanceof Condition.Contains ct) {
            operand(ct.container(), names);
            operand(ct.element(), names);
        }
    }

    private static void operand(Operand o, Set<String> names) {
        if (o instanceof Operand.Path p) {
            names.add(p.path().attribute());
        } else if (o instanceof Operand.Size s) {
            operand(s.operand(), names);
        }
    }
}
