package io.hyperstream.trainer.mlp;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** Builds the DL4J network of a multilayer-perceptron trial from its hyperparameters. */
public final class MlpNetworks {

    /** RMSprop's decay of the squared-gradient average, as PyTorch's default {@code alpha}. */
    static final double RMSPROP_DECAY = 0.99;
    static final double EPSILON = 1e-8;

    private MlpNetworks() {
    }

    /**
     * A network with {@code inputs} inputs, the hidden layers of {@code hp}, and a softmax output
     * over {@code classes} classes trained on cross-entropy weighted by {@code classWeights},
     * its weights initialized from {@code seed}.
     */
    public static MultiLayerNetwork build(MlpHyperparameters hp, int inputs, int classes, double[] classWeights, long seed) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater(hp))
                .regularization(regularization(hp))
                .weightInit(WeightInit.XAVIER)
                // Workspaces reuse the memory of activations and gradients from one minibatch to the next.
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        int in = inputs;
        for (int i = 0; i < hp.hiddenUnits().size(); i++) {
            DenseLayer.Builder dense = new DenseLayer.Builder().nIn(in).nOut(hp.hiddenUnits().get(i))
                    .activation(activation(hp.activation()));
            if (i > 0) {
                dropout(dense, hp);
            }
            layers.layer(dense.build());
            in = hp.hiddenUnits().get(i);
        }
        boolean weighted = false;
        for (double w : classWeights) {
            weighted |= w != 1;
        }
        LossMCXENT loss = weighted ? new LossMCXENT(Nd4j.create(classWeights).castTo(DataType.FLOAT)) : new LossMCXENT();
        OutputLayer.Builder output = new OutputLayer.Builder(loss).nIn(in).nOut(classes).activation(Activation.SOFTMAX);
        if (!hp.hiddenUnits().isEmpty()) {
            dropout(output, hp);
        }
        layers.layer(output.build());
        MultiLayerConfiguration configuration = layers.build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }

    /** Dropout on a layer's input, i.e. on the previous hidden layer's units (DL4J takes the retain probability). */
    private static void dropout(org.deeplearning4j.nn.conf.layers.Layer.Builder<?> layer, MlpHyperparameters hp) {
        if (hp.dropout() > 0) {
            layer.dropOut(new Dropout(1 - hp.dropout()));
        }
    }

    static IUpdater updater(MlpHyperparameters hp) {
        switch (hp.optimizer()) {
            case SGD:
                return new Sgd(hp.lr());
            case MOMENTUM:
                return new ClassicMomentum(hp.lr(), hp.momentum());
            case NESTEROV:
                return new Nesterovs(hp.lr(), hp.momentum());
            case ADAM:
            case ADAMW:
                return new Adam(hp.lr(), 0.9, 0.999, EPSILON);
            case RMSPROP:
                return new RmsProp(hp.lr(), RMSPROP_DECAY, EPSILON);
            case ADAGRAD:
                return new AdaGrad(hp.lr(), 1e-10);
            default:
                throw new IllegalArgumentException("unsupported optimizer " + hp.optimizer());
        }
    }

    /**
     * The weight penalties: {@code weight_decay} is PyTorch's, an L2 term in the gradient for
     * every optimizer but adamw, where it is decoupled and scaled by the learning rate; {@code l2}
     * is always an L2 term. Biases are not penalized.
     */
    static List<Regularization> regularization(MlpHyperparameters hp) {
        List<Regularization> terms = new ArrayList<>();
        double l2 = hp.l2();
        if (hp.optimizer() == MlpHyperparameters.Optimizer.ADAMW) {
            if (hp.weightDecay() > 0) {
                terms.add(new WeightDecay(hp.weightDecay(), true));
            }
        } else {
            l2 += hp.weightDecay();
        }
        if (l2 > 0) {
            terms.add(new L2Regularization(l2));
        }
        return terms;
    }

    static Activation activation(MlpHyperparameters.Activation activation) {
        switch (activation) {
            case RELU:
                return Activation.RELU;
            case LEAKY_RELU:
                return Activation.LEAKYRELU;
            case ELU:
                return Activation.ELU;
            case TANH:
                return Activation.TANH;
            case SIGMOID:
                return Activation.SIGMOID;
            default:
                throw new IllegalArgumentException("unsupported activation " + activation);
        }
    }
}
