package dev.peloton.core.engine.discovery;

import dev.peloton.core.engine.discovery.ClassFile.Constant;
import dev.peloton.core.engine.discovery.ClassFile.MethodInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Hashes a method's behaviour as the class file states it: its instructions with every constant pool
 * reference replaced by the value it names, so that the hash does not move when javac renumbers the pool for
 * an unrelated change. Line numbers, local variable names and stack maps are left out for the same reason.
 *
 * <p>Lambda bodies and private methods of the same class that the method calls (transitively) are folded in,
 * each in the order first met. A lambda is referred to by that order, not by its {@code lambda$name$N} name,
 * because javac numbers lambdas across the whole class: adding a lambda elsewhere renames the others.
 */
final class MethodFingerprint {

    /** Operand bytes after the opcode, for the instructions with no constant pool operand; -1 marks an invalid opcode. */
    private static final int[] OPERAND_BYTES = new int[256];

    static {
        for (int op = 0xcb; op <= 0xff; op++) {
            OPERAND_BYTES[op] = -1;
        }
        OPERAND_BYTES[0x10] = 1; // bipush
        OPERAND_BYTES[0x11] = 2; // sipush
        for (int op = 0x15; op <= 0x19; op++) {
            OPERAND_BYTES[op] = 1; // xload index
        }
        for (int op = 0x36; op <= 0x3a; op++) {
            OPERAND_BYTES[op] = 1; // xstore index
        }
        OPERAND_BYTES[0x84] = 2; // iinc
        for (int op = 0x99; op <= 0xa8; op++) {
            OPERAND_BYTES[op] = 2; // if*, goto, jsr
        }
        OPERAND_BYTES[0xa9] = 1; // ret
        OPERAND_BYTES[0xbc] = 1; // newarray
        OPERAND_BYTES[0xc6] = 2; // ifnull
        OPERAND_BYTES[0xc7] = 2; // ifnonnull
        OPERAND_BYTES[0xc8] = 4; // goto_w
        OPERAND_BYTES[0xc9] = 4; // jsr_w
    }

    private static final String THIS = "<this>";

    private final ClassFile classFile;
    private final MessageDigest digest;
    /** Methods folded in, by name + descriptor, with their position in {@link #order}. */
    private final Map<String, Integer> folded = new HashMap<>();
    private final List<MethodInfo> order = new ArrayList<>();

    private MethodFingerprint(ClassFile classFile) {
        this.classFile = classFile;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * The fingerprint of {@code method}: 16 hex digits.
     *
     * @throws IllegalArgumentException when the method has no code or its code is malformed
     */
    static String of(ClassFile classFile, MethodInfo method) {
        if (method.code() == null) {
            throw new IllegalArgumentException("Method " + method.name() + method.descriptor()
                    + " has no bytecode (abstract or native)");
        }
        MethodFingerprint f = new MethodFingerprint(classFile);
        f.str(normalize(method.descriptor(), classFile.thisClass()));
        f.fold(method);
        // Breadth-first over folded methods: each body may add more to the end of the order.
        for (int i = 0; i < f.order.size(); i++) {
            MethodInfo m = f.order.get(i);
            f.str("method#" + i);
            f.u4(m.access() & (ClassFile.ACC_STATIC | ClassFile.ACC_SYNCHRONIZED));
            if (m.code() == null) {
                f.str("no-code");
                continue;
            }
            f.body(m);
        }
        return HexFormat.of().formatHex(f.digest.digest(), 0, 8);
    }

    private int fold(MethodInfo m) {
        String id = m.name() + m.descriptor();
        Integer known = folded.get(id);
        if (known != null) {
            return known;
        }
        folded.put(id, order.size());
        order.add(m);
        return order.size() - 1;
    }

    private void body(MethodInfo m) {
        byte[] code = m.code();
        try {
            int pc = 0;
            while (pc < code.length) {
                int op = code[pc] & 0xff;
                u1(op);
                switch (op) {
                    case 0x12 -> { // ldc
                        constant(code[pc + 1] & 0xff);
                        pc += 2;
                    }
                    case 0x13, 0x14, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xbb, 0xbd, 0xc0, 0xc1 -> {
                        constant(u2(code, pc + 1));
                        pc += 3;
                    }
                    case 0xb9 -> { // invokeinterface index, count, 0
                        constant(u2(code, pc + 1));
                        u1(code[pc + 3]);
                        pc += 5;
                    }
                    case 0xba -> { // invokedynamic index, 0, 0
                        constant(u2(code, pc + 1));
                        pc += 5;
                    }
                    case 0xc5 -> { // multianewarray index, dimensions
                        constant(u2(code, pc + 1));
                        u1(code[pc + 3]);
                        pc += 4;
                    }
                    case 0xaa -> pc = tableSwitch(code, pc);
                    case 0xab -> pc = lookupSwitch(code, pc);
                    case 0xc4 -> { // wide
                        int length = (code[pc + 1] & 0xff) == 0x84 ? 5 : 3;
                        raw(code, pc + 1, length);
                        pc += 1 + length;
                    }
                    default -> {
                        int length = OPERAND_BYTES[op];
                        if (length < 0) {
                            throw new IllegalArgumentException("invalid opcode 0x" + Integer.toHexString(op) + " at "
                                    + pc);
                        }
                        raw(code, pc + 1, length);
                        pc += 1 + length;
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("Truncated bytecode in method " + m.name() + m.descriptor(), e);
        }
        int[] table = m.exceptionTable();
        for (int i = 0; i < table.length; i += 4) {
            u4(table[i]);
            u4(table[i + 1]);
            u4(table[i + 2]);
            if (table[i + 3] == 0) {
                str("any");
            } else {
                constant(table[i + 3]);
            }
        }
    }

    private int tableSwitch(byte[] code, int pc) {
        int p = (pc + 4) & ~3; // operands start at the next multiple of four
        int low = i4(code, p + 4);
        int high = i4(code, p + 8);
        int count = high - low + 1;
        if (count < 0) {
            throw new IllegalArgumentException("tableswitch with low " + low + " > high " + high);
        }
        raw(code, p, 12 + 4 * count);
        return p + 12 + 4 * count;
    }

    private int lookupSwitch(byte[] code, int pc) {
        int p = (pc + 4) & ~3;
        int pairs = i4(code, p + 4);
        if (pairs < 0) {
            throw new IllegalArgumentException("lookupswitch with " + pairs + " pairs");
        }
        raw(code, p, 8 + 8 * pairs);
        return p + 8 + 8 * pairs;
    }

    /** Writes what constant {@code index} names, never the index itself. */
    private void constant(int index) {
        Constant c = classFile.constant(index);
        u1(c.tag());
        switch (c.tag()) {
            case ClassFile.UTF8 -> str((String) c.value());
            case ClassFile.INTEGER, ClassFile.FLOAT -> u4((Integer) c.value());
            case ClassFile.LONG, ClassFile.DOUBLE -> {
                long v = (Long) c.value();
                u4((int) (v >>> 32));
                u4((int) v);
            }
            case ClassFile.CLASS -> str(className(c.a()));
            case ClassFile.STRING, ClassFile.MODULE, ClassFile.PACKAGE -> str(classFile.utf8(c.a()));
            case ClassFile.METHOD_TYPE -> str(normalize(classFile.utf8(c.a()), classFile.thisClass()));
            case ClassFile.FIELDREF -> member(c, false);
            case ClassFile.METHODREF, ClassFile.INTERFACE_METHODREF -> member(c, true);
            case ClassFile.NAME_AND_TYPE -> {
                str(classFile.utf8(c.a()));
                str(normalize(classFile.utf8(c.b()), classFile.thisClass()));
            }
            case ClassFile.METHOD_HANDLE -> {
                u1(c.a()); // reference kind
                constant(c.b());
            }
            case ClassFile.DYNAMIC, ClassFile.INVOKE_DYNAMIC -> {
                int[] bootstrap = classFile.bootstrapMethod(c.a());
                for (int arg : bootstrap) {
                    constant(arg);
                }
                constant(c.b());
            }
            default -> throw new IllegalArgumentException("unexpected constant tag " + c.tag());
        }
    }

    private void member(Constant ref, boolean method) {
        String owner = classFile.utf8(classFile.constant(ref.a()).a());
        Constant nat = classFile.constant(ref.b());
        String name = classFile.utf8(nat.a());
        String descriptor = classFile.utf8(nat.b());
        if (method && owner.equals(classFile.thisClass())) {
            MethodInfo target = classFile.method(name, descriptor);
            if (target != null && foldable(target)) {
                int position = fold(target);
                // A lambda's name carries a class-wide counter: refer to it by position only.
                str(target.name().startsWith("lambda$") ? "lambda" : name);
                str(normalize(descriptor, owner));
                str("#" + position);
                return;
            }
        }
        str(owner.equals(classFile.thisClass()) ? THIS : owner);
        str(name);
        str(normalize(descriptor, classFile.thisClass()));
    }

    private static boolean foldable(MethodInfo m) {
        return (m.access() & (ClassFile.ACC_PRIVATE | ClassFile.ACC_SYNTHETIC)) != 0 || m.name().startsWith("lambda$");
    }

    private String className(int utf8Index) {
        String name = classFile.utf8(utf8Index);
        return name.equals(classFile.thisClass()) ? THIS : normalize(name, classFile.thisClass());
    }

    /** Replaces this class's name in a descriptor, so that identical code in two classes hashes the same. */
    private static String normalize(String descriptor, String thisClass) {
        return descriptor.replace("L" + thisClass + ";", "L" + THIS + ";");
    }

    private static int u2(byte[] code, int at) {
        return ((code[at] & 0xff) << 8) | (code[at + 1] & 0xff);
    }

    private static int i4(byte[] code, int at) {
        return ((code[at] & 0xff) << 24) | ((code[at + 1] & 0xff) << 16) | ((code[at + 2] & 0xff) << 8)
                | (code[at + 3] & 0xff);
    }

    private void raw(byte[] code, int from, int length) {
        if (from + length > code.length) {
            throw new ArrayIndexOutOfBoundsException(from + length);
        }
        digest.update(code, from, length);
    }

    private void u1(int v) {
        digest.update((byte) v);
    }

    private void u4(int v) {
        digest.update((byte) (v >>> 24));
        digest.update((byte) (v >>> 16));
        digest.update((byte) (v >>> 8));
        digest.update((byte) v);
    }

    private void str(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        u4(bytes.length);
        digest.update(bytes);
    }
}
