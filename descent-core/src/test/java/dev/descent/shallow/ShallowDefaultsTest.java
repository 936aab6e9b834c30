package dev.descent.shallow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.descent.util.Rng;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The constructors' and training functions' defaults of reference sections 4.1 and 4.6. */
class ShallowDefaultsTest {

    @Test
    void patternnetDefaultsToTenTansigUnitsSoftmaxTrainscgAndCrossEntropy() {
        ShallowNetwork net = ShallowNetwork.patternnet();

        assertThat(net.name()).isEqualTo("Pattern Recognition Neural Network");
        assertThat(net.hiddenSizes()).containsExactly(10);
        assertThat(net.hiddenTransfer()).isEqualTo(Transfer.TANSIG);
        assertThat(net.outputTransfer()).isEqualTo(Transfer.SOFTMAX);
        assertThat(net.trainFcn()).isEqualTo("trainscg");
        assertThat(net.performFcn()).isEqualTo(PerformFcn.CROSSENTROPY);
        assertThat(net.divideFcn()).isEqualTo(ShallowNetwork.DivideFcn.DIVIDERAND);
        assertThat(net.divideRatios()).containsExactly(0.70, 0.15, 0.15);
        assertThat(net.regularization()).isZero();
    }

    @Test
    void fitnetHasAPurelinOutputAndMse() {
        ShallowNetwork net = ShallowNetwork.fitnet();

        assertThat(net.name()).isEqualTo("Function Fitting Neural Network");
        assertThat(net.hiddenSizes()).containsExactly(10);
        assertThat(net.hiddenTransfer()).isEqualTo(Transfer.TANSIG);
        assertThat(net.outputTransfer()).isEqualTo(Transfer.PURELIN);
        assertThat(net.performFcn()).isEqualTo(PerformFcn.MSE);
        // MATLAB's default is trainlm, which Descent does not have.
        assertThat(net.trainFcn()).isEqualTo("trainscg");
    }

    @Test
    void severalHiddenLayersGiveOneTansigLayerEach() {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7};
        int[] labels = {0, 1, 0, 1};
        ShallowNetwork net = ShallowNetwork.patternnet(20, 10).configure(x, 4, 2,
                ShallowNetwork.oneHot(labels, 2), 2, new Rng(1));

        assertThat(net.sizes()).containsExactly(2, 20, 10, 2);
        assertThat(net.transfers()).containsExactly(Transfer.TANSIG, Transfer.TANSIG,
                Transfer.SOFTMAX);
        assertThat(net.getwb()).hasSize(20 * 3 + 10 * 21 + 2 * 11);
    }

    private static Map<String, Object> shared(double minGrad) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("epochs", 1000);
        map.put("goal", 0.0);
        map.put("max_fail", 6);
        map.put("min_grad", minGrad);
        map.put("time", Double.POSITIVE_INFINITY);
        map.put("show", 25);
        map.put("showCommandLine", false);
        return map;
    }

    @Test
    void everyTrainingFunctionHasMatlabsTrainParamDefaults() {
        Map<String, Object> scg = shared(1e-6);
        scg.put("sigma", 5.0e-5);
        scg.put("lambda", 5.0e-7);
        Map<String, Object> gd = shared(1e-5);
        gd.put("lr", 0.01);
        Map<String, Object> gdm = shared(1e-5);
        gdm.put("lr", 0.01);
        gdm.put("mc", 0.9);
        Map<String, Object> gda = shared(1e-5);
        gda.put("lr", 0.01);
        gda.put("lr_inc", 1.05);
        gda.put("lr_dec", 0.7);
        gda.put("max_perf_inc", 1.04);
        Map<String, Object> gdx = shared(1e-5);
        gdx.put("lr", 0.01);
        gdx.put("mc", 0.9);
        gdx.put("lr_inc", 1.05);
        gdx.put("lr_dec", 0.7);
        gdx.put("max_perf_inc", 1.04);
        Map<String, Object> rp = shared(1e-5);
        rp.put("lr", 0.01);
        rp.put("delt_inc", 1.2);
        rp.put("delt_dec", 0.5);
        rp.put("delta0", 0.07);
        rp.put("deltamax", 50.0);

        assertThat(TrainParam.defaults("trainscg").asMap()).containsExactlyEntriesOf(scg);
        assertThat(TrainParam.defaults("traingd").asMap()).containsExactlyEntriesOf(gd);
        assertThat(TrainParam.defaults("traingdm").asMap()).containsExactlyEntriesOf(gdm);
        assertThat(TrainParam.defaults("traingda").asMap()).containsExactlyEntriesOf(gda);
        assertThat(TrainParam.defaults("traingdx").asMap()).containsExactlyEntriesOf(gdx);
        assertThat(TrainParam.defaults("trainrp").asMap()).containsExactlyEntriesOf(rp);
        assertThat(ShallowNetwork.patternnet().trainParam().asMap())
                .containsExactlyEntriesOf(scg);
    }

    /** Case B30 (d): patternnet targets with a single class are refused before training. */
    @Test
    void targetsOfOneClassAreRefused() {
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] oneOfThree = ShallowNetwork.oneHot(new int[] {1, 1, 1}, 3);

        assertThatThrownBy(() -> ShallowNetwork.patternnet(2).train(x, 3, oneOfThree, 3,
                new Rng(1), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("classification needs at least 2 classes in the targets, found 1"
                        + " (class 2 of 3)");
        // fitnet's targets are numbers, not classes: a constant target is allowed.
        assertThat(ShallowNetwork.fitnet(2).train(x, 3, new double[] {1, 1, 1}, 1, new Rng(1),
                null).record().numEpochs()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void divideindIndicesAreTheRecordsIndexSets() throws Exception {
        var data = ShallowTrainerTest.iris();
        double[] x = ShallowTrainerTest.inputs(data);
        int[] train = new int[100];
        int[] val = new int[25];
        int[] test = new int[25];
        for (int i = 0; i < 150; i++) {
            // Every sixth observation validates, the one after it tests, the rest train.
            if (i % 6 == 0) {
                val[i / 6] = i;
            } else if (i % 6 == 1) {
                test[i / 6] = i;
            } else {
                train[i - 2 * (i / 6) - 2] = i;
            }
        }
        ShallowNetwork spec = ShallowNetwork.patternnet(4).divideind(train, val, test);
        spec.trainParam().epochs(5);

        TrainingRecord tr = spec.train(x, 150, ShallowNetwork.oneHot(data.labels(), 3), 3,
                new Rng(2), null).record();

        assertThat(tr.divideFcn()).isEqualTo("divideind");
        assertThat(tr.trainInd()).containsExactly(train);
        assertThat(tr.valInd()).containsExactly(val);
        assertThat(tr.testInd()).containsExactly(test);
        assertThat(tr.trainParam()).contains(entry("epochs", 5));
    }
}
