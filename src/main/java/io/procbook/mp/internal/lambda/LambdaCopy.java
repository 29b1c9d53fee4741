package io.procbook.mp.internal.lambda;

import io.procbook.mp.Task;
import io.procbook.mp.Task1;
import io.procbook.mp.Task2;
import io.procbook.mp.Task3;
import io.procbook.mp.internal.PortableLambda;
import io.procbook.mp.internal.PrivateAccess;

import java.io.Externalizable;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.ObjectStreamException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;

/**
 * The serialized form of a {@code Process} target that is a plain lambda (or method reference) of one of
 * the task interfaces {@link Task}, {@link Task1}, {@link Task2}, {@link Task3}: the lambda's
 * {@link SerializedLambda} data, rebuilt on the other side as a {@link RebuiltTask} that calls the
 * lambda's implementation method through a method handle.
 *
 * <p>Why not the JDK's own form: reading a {@code SerializedLambda} runs the capturing class's
 * {@code $deserializeLambda$}, which links a lambda call site through {@code LambdaMetafactory}, and that spins
 * and defines a class: 0.5-1 ms in a pre-started child, each time, because every task brings a capturing
 * class the child has never seen. Looking up the implementation method and adapting it takes a fifth of
 * that. And it is {@link Externalizable}, so that a child JVM reads it without generating a serialization
 * constructor for it (2-3 ms in a JVM that has generated none yet).
 *
 * <p>What the child gets behaves as the lambda would: it implements the same interface, runs the same code
 * with the same captured values (copies), and serializes again as this form (a child can pass its target on).
 * A lambda whose class implements more than the task interface (an intersection cast adding a marker
 * interface) keeps the JDK's form, as does anything that is not a lambda; and if the method cannot be looked
 * up this way in the child, the copy falls back to the JDK's {@code $deserializeLambda$}.
 *
 * <p>Not thread-safe while being read; immutable afterwards.
 */
public final class LambdaCopy implements Externalizable, PortableLambda {

    private static final long serialVersionUID = 1L;
    private static final Class<?>[] TASKS = {Task.class, Task1.class, Task2.class, Task3.class};

    private int arity;
    private Class<?> capturingClass;
    private Class<?> implClass;
    private String implMethodName;
    private String implMethodSignature;
    private int implMethodKind;
    private String instantiatedMethodType;
    private Object[] capturedArgs;

    /** For deserialization only. */
    public LambdaCopy() { }

    private LambdaCopy(int arity, Class<?> capturingClass, Class<?> implClass, SerializedLambda form) {
        this.arity = arity;
        this.capturingClass = capturingClass;
        this.implClass = implClass;
        this.implMethodName = form.getImplMethodName();
        this.implMethodSignature = form.getImplMethodSignature();
        this.implMethodKind = form.getImplMethodKind();
        this.instantiatedMethodType = form.getInstantiatedMethodType();
        this.capturedArgs = new Object[form.getCapturedArgCount()];
        for (int i = 0; i < capturedArgs.length; i++) capturedArgs[i] = form.getCapturedArg(i);
    }

    /**
     * @param target a Process target, or {@code null}
     * @return the copy form of {@code target} if it is a plain serializable lambda of a task interface,
     *         otherwise {@code target} itself
     */
    public static Object of(Object target) {
        if (target == null) return null;
        Class<?> c = target.getClass();
        if (!c.isSynthetic() || !c.isHidden()) return target;
        Class<?>[] interfaces = c.getInterfaces();
        if (interfaces.length != 1) return target; // marker interfaces: only the JDK's form keeps them
        int arity = arityOf(interfaces[0]);
        if (arity < 0) return target;
        try {
            if (!(PrivateAccess.lambdaWriteReplace(target) instanceof SerializedLambda form)) return target;
            if (!form.getFunctionalInterfaceClass().equals(internalName(interfaces[0]))) return target;
            ClassLoader loader = c.getClassLoader();
            Class<?> capturing = Class.forName(binaryName(form.getCapturingClass()), false, loader);
            Class<?> impl = Class.forName(binaryName(form.getImplClass()), false, loader);
            return new LambdaCopy(arity, capturing, impl, form);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return target; // not a lambda we can take apart (say, in a module that does not open to us)
        }
    }

    /**
     * @return the JDK's form of the same lambda (what the code walk of a parcel starts from). Every task
     *         interface's method is {@code void run} of its arity in {@code Object}s once erased.
     */
    public SerializedLambda form() {
        return new SerializedLambda(capturingClass, internalName(TASKS[arity]), "run",
                erasedRun(arity).toMethodDescriptorString(), implMethodKind,
                internalName(implClass), implMethodName, implMethodSignature, instantiatedMethodType,
                capturedArgs.clone());
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        out.writeByte(arity);
        out.writeObject(capturingClass);
        out.writeObject(implClass);
        out.writeUTF(implMethodName);
        out.writeUTF(implMethodSignature);
        out.writeByte(implMethodKind);
        out.writeUTF(instantiatedMethodType);
        out.writeObject(capturedArgs);
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException, ClassNotFoundException {
        arity = in.readByte();
        if (arity < 0 || arity >= TASKS.length) throw new InvalidObjectException("no task interface of arity " + arity);
        capturingClass = (Class<?>) in.readObject();
        implClass = (Class<?>) in.readObject();
        implMethodName = in.readUTF();
        implMethodSignature = in.readUTF();
        implMethodKind = in.readByte();
        instantiatedMethodType = in.readUTF();
        capturedArgs = (Object[]) in.readObject();
    }

    /** @return the task this stands for: a handle on its implementation method, or else the JDK's lambda */
    private Object readResolve() throws ObjectStreamException {
        MethodHandle handle;
        try {
            handle = implementation();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return viaMetafactory();
        }
        return switch (arity) {
            case 0 -> new RebuiltTask.NoArgs(handle, this);
            case 1 -> new RebuiltTask.OneArg(handle, this);
            case 2 -> new RebuiltTask.TwoArgs(handle, this);
            default -> new RebuiltTask.ThreeArgs(handle, this);
        };
    }

    /**
     * @return the implementation method with the captured values bound, of the task interface's erased type
     *         ({@code (Object...)void}); the same conversions apply as in the lambda's own class (casts of
     *         the arguments, unboxing, a result dropped)
     */
    private MethodHandle implementation() throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(implClass, MethodHandles.lookup());
        MethodType type = MethodType.fromMethodDescriptorString(implMethodSignature, implClass.getClassLoader());
        MethodHandle mh = switch (implMethodKind) {
            case MethodHandleInfo.REF_invokeStatic -> lookup.findStatic(implClass, implMethodName, type);
            case MethodHandleInfo.REF_invokeVirtual, MethodHandleInfo.REF_invokeInterface ->
                    lookup.findVirtual(implClass, implMethodName, type);
            case MethodHandleInfo.REF_invokeSpecial -> lookup.findSpecial(implClass, implMethodName, type, implClass);
            case MethodHandleInfo.REF_newInvokeSpecial -> lookup.findConstructor(implClass, type);
            default -> throw new NoSuchMethodException("method handle kind " + implMethodKind);
        };
        mh = mh.asFixedArity();
        if (capturedArgs.length > 0) mh = MethodHandles.insertArguments(mh, 0, capturedArgs);
        return mh.asType(erasedRun(arity));
    }

    /** @return the erased type of the task interface's {@code run} of that arity: {@code (Object...)void} */
    private static MethodType erasedRun(int arity) {
        return MethodType.genericMethodType(arity).changeReturnType(void.class);
    }

    /** What {@code SerializedLambda.readResolve} does: asks the capturing class to link the lambda. */
    private Object viaMetafactory() throws ObjectStreamException {
        try {
            return PrivateAccess.deserializeLambda(capturingClass, form());
        } catch (InvocationTargetException e) {
            InvalidObjectException ioe = new InvalidObjectException("cannot rebuild a lambda of " + capturingClass);
            ioe.initCause(e.getCause());
            throw ioe;
        } catch (ReflectiveOperationException | RuntimeException e) {
            InvalidObjectException ioe = new InvalidObjectException("cannot rebuild a lambda of " + capturingClass);
            ioe.initCause(e);
            throw ioe;
        }
    }

    private static int arityOf(Class<?> c) {
        for (int i = 0; i < TASKS.length; i++) if (TASKS[i] == c) return i;
        return -1;
    }

    private static String internalName(Class<?> c) {
        return c.getName().replace('.', '/');
    }

    private static String binaryName(String internalName) {
        return internalName.replace('/', '.');
    }
}
