package io.procbook.mp.internal;

import java.lang.invoke.SerializedLambda;

/**
 * A lambda in a form of its own that still knows the JDK's form ({@code lambda.LambdaCopy}): what
 * {@link ParcelWriter} asks of one it meets in a task, to find the code the lambda runs. An interface here, so
 * that this package needs nothing of the task types the lambda implements.
 */
public interface PortableLambda {

    /** @return the JDK's serialized form of the same lambda */
    SerializedLambda form();
}
