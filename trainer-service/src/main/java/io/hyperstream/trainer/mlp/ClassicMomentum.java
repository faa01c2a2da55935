package io.hyperstream.trainer.mlp;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Stochastic gradient descent with classical (heavy-ball) momentum, as PyTorch's
 * {@code SGD(momentum=mu)}: {@code v = mu * v + g; w -= lr * v}. DL4J ships only the Nesterov
 * variant.
 */
public final class ClassicMomentum implements IUpdater {

    private static final long serialVersionUID = 1L;

    private double learningRate;
    private ISchedule learningRateSchedule;
    private final double momentum;

    public ClassicMomentum(double learningRate, double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be >= 0 and < 1, but got " + momentum);
        }
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    public double momentum() {
        return momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater updater = new Updater(this);
        updater.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        Updater updater = new Updater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public ClassicMomentum clone() {
        ClassicMomentum copy = new ClassicMomentum(learningRate, momentum);
        copy.learningRateSchedule = learningRateSchedule;
        return copy;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassicMomentum m && m.learningRate == learningRate && m.momentum == momentum
                && Objects.equals(m.learningRateSchedule, learningRateSchedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum, learningRateSchedule);
    }

    /** The state (the velocity) and the update rule. */
    private static final class Updater implements GradientUpdater<ClassicMomentum> {

        private static final String VELOCITY = "V";
        private final ClassicMomentum config;
        private INDArray velocity;

        Updater(ClassicMomentum config) {
            this.config = config;
        }

        @Override
        public ClassicMomentum getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> stateMap, boolean initialize) {
            INDArray v = stateMap.get(VELOCITY);
            if (v == null || stateMap.size() != 1) {
                throw new IllegalStateException("momentum state must hold exactly [" + VELOCITY + "], but has " + stateMap.keySet());
            }
            velocity = v;
            if (initialize) {
                velocity.assign(0);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            return Collections.singletonMap(VELOCITY, velocity);
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            if (initialize) {
                viewArray.assign(0);
            }
            velocity = viewArray.reshape(gradientOrder, gradientShape);
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            if (velocity == null) {
                throw new IllegalStateException("the momentum updater has no state");
            }
            // DL4J subtracts what this leaves in the gradient array: lr * v.
            INDArray g = gradient.reshape(velocity.shape());
            velocity.muli(config.momentum).addi(g);
            g.assign(velocity).muli(config.getLearningRate(iteration, epoch));
        }
    }
}
