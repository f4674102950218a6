package dev.peloton.core.engine.discovery;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a class file (JVMS chapter 4) that code versions need: the constant pool, the methods with
 * their code and exception tables, and the bootstrap methods. Written by hand because asset-core depends on
 * the JDK and SLF4J only; everything else in the file (fields, debug attributes, stack maps) is skipped.
 */
final class ClassFile {

    static final int ACC_PRIVATE = 0x0002;
    static final int ACC_STATIC = 0x0008;
    static final int ACC_SYNCHRONIZED = 0x0020;
    static final int ACC_SYNTHETIC = 0x1000;

    static final int UTF8 = 1;
    static final int INTEGER = 3;
    static final int FLOAT = 4;
    static final int LONG = 5;
    static final int DOUBLE = 6;
    static final int CLASS = 7;
    static final int STRING = 8;
    static final int FIELDREF = 9;
    static final int METHODREF = 10;
    static final int INTERFACE_METHODREF = 11;
    static final int NAME_AND_TYPE = 12;
    static final int METHOD_HANDLE = 15;
    static final int METHOD_TYPE = 16;
    static final int DYNAMIC = 17;
    static final int INVOKE_DYNAMIC = 18;
    static final int MODULE = 19;
    static final int PACKAGE = 20;

    /** One constant pool entry; {@code a} and {@code b} are its numeric fields, {@code value} a decoded value. */
    record Constant(int tag, int a, int b, Object value) {
    }

    /**
     * A method.
     *
     * @param exceptionTable {@code start, end, handler, catchType} for each handler, flattened
     */
    record MethodInfo(String name, String descriptor, int access, byte[] code, int[] exceptionTable) {
    }

    private final Constant[] pool;
    private final String thisClass;
    private final Map<String, MethodInfo> methods;
    private final int[][] bootstrapMethods;

    private ClassFile(Constant[] pool, String thisClass, Map<String, MethodInfo> methods, int[][] bootstrapMethods) {
        this.pool = pool;
        this.thisClass = thisClass;
        this.methods = methods;
        this.bootstrapMethods = bootstrapMethods;
    }

    /**
     * Parses a class file.
     *
     * @throws IllegalArgumentException when the bytes are not a well-formed class file
     */
    static ClassFile parse(byte[] bytes) {
        try {
            return read(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Malformed class file: " + e, e);
        }
    }

    private static ClassFile read(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("bad magic number");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        Constant[] pool = new Constant[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            pool[i] = switch (tag) {
                case UTF8 -> new Constant(tag, 0, 0, in.readUTF());
                case INTEGER -> new Constant(tag, 0, 0, in.readInt());
                case FLOAT -> new Constant(tag, 0, 0, in.readInt()); // raw bits: stable, NaN-safe
                case LONG, DOUBLE -> new Constant(tag, 0, 0, in.readLong());
                case CLASS, STRING, METHOD_TYPE, MODULE, PACKAGE -> new Constant(tag, in.readUnsignedShort(), 0, null);
                case FIELDREF, METHODREF, INTERFACE_METHODREF, NAME_AND_TYPE, DYNAMIC, INVOKE_DYNAMIC ->
                        new Constant(tag, in.readUnsignedShort(), in.readUnsignedShort(), null);
                case METHOD_HANDLE -> new Constant(tag, in.readUnsignedByte(), in.readUnsignedShort(), null);
                default -> throw new IOException("unknown constant pool tag " + tag + " at index " + i);
            };
            if (tag == LONG || tag == DOUBLE) {
                i++; // eight-byte constants take two slots
            }
        }
        in.readUnsignedShort(); // access flags
        int thisIndex = in.readUnsignedShort();
        in.readUnsignedShort(); // super class
        skip(in, 2 * in.readUnsignedShort()); // interfaces
        int fields = in.readUnsignedShort();
        for (int i = 0; i < fields; i++) {
            skip(in, 6);
            skipAttributes(in);
        }
        int methodCount = in.readUnsignedShort();
        Map<String, MethodInfo> methods = new HashMap<>(methodCount * 2);
        for (int i = 0; i < methodCount; i++) {
            int access = in.readUnsignedShort();
            String name = utf8(pool, in.readUnsignedShort());
            String descriptor = utf8(pool, in.readUnsignedShort());
            byte[] code = null;
            int[] exceptionTable = new int[0];
            int attributes = in.readUnsignedShort();
            for (int k = 0; k < attributes; k++) {
                String attribute = utf8(pool, in.readUnsignedShort());
                int length = in.readInt();
                if (attribute.equals("Code")) {
                    in.readUnsignedShort(); // max stack
                    in.readUnsignedShort(); // max locals
                    code = new byte[in.readInt()];
                    in.readFully(code);
                    exceptionTable = new int[4 * in.readUnsignedShort()];
                    for (int e = 0; e < exceptionTable.length; e++) {
                        exceptionTable[e] = in.readUnsignedShort();
                    }
                    skipAttributes(in); // line numbers, local variables, stack maps: not part of the behaviour
                } else {
                    skip(in, length);
                }
            }
            methods.put(name + descriptor, new MethodInfo(name, descriptor, access, code, exceptionTable));
        }
        int[][] bootstrap = new int[0][];
        int attributes = in.readUnsignedShort();
        for (int k = 0; k < attributes; k++) {
            String attribute = utf8(pool, in.readUnsignedShort());
            int length = in.readInt();
            if (attribute.equals("BootstrapMethods")) {
                bootstrap = new int[in.readUnsignedShort()][];
                for (int b = 0; b < bootstrap.length; b++) {
                    int ref = in.readUnsignedShort();
                    int[] entry = new int[1 + in.readUnsignedShort()];
                    entry[0] = ref;
                    for (int a = 1; a < entry.length; a++) {
                        entry[a] = in.readUnsignedShort();
                    }
                    bootstrap[b] = entry;
                }
            } else {
                skip(in, length);
            }
        }
        Constant thisConstant = pool[thisIndex];
        return new ClassFile(pool, utf8(pool, thisConstant.a()), methods, bootstrap);
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            in.readUnsignedShort();
            skip(in, in.readInt());
        }
    }

    private static void skip(DataInputStream in, int bytes) throws IOException {
        in.skipNBytes(bytes);
    }

    private static String utf8(Constant[] pool, int index) throws IOException {
        if (index <= 0 || index >= pool.length || pool[index] == null || pool[index].tag() != UTF8) {
            throw new IOException("constant " + index + " is not a UTF8 entry");
        }
        return (String) pool[index].value();
    }

    /** The internal name of this class, {@code com/acme/Assets}. */
    String thisClass() {
        return thisClass;
    }

    Constant constant(int index) {
        if (index <= 0 || index >= pool.length || pool[index] == null) {
            throw new IllegalArgumentException("Constant pool index " + index + " is out of range or unused");
        }
        return pool[index];
    }

    String utf8(int index) {
        Constant c = constant(index);
        if (c.tag() != UTF8) {
            throw new IllegalArgumentException("Constant " + index + " is not a UTF8 entry");
        }
        return (String) c.value();
    }

    /** The method with this name and descriptor, or null. */
    MethodInfo method(String name, String descriptor) {
        return methods.get(name + descriptor);
    }

    /** Bootstrap method {@code index}: its method handle constant, then its static arguments. */
    int[] bootstrapMethod(int index) {
        if (index < 0 || index >= bootstrapMethods.length) {
            throw new IllegalArgumentException("Bootstrap method " + index + " does not exist");
        }
        return bootstrapMethods[index];
    }

    List<MethodInfo> methods() {
        return new ArrayList<>(methods.values());
    }
}
