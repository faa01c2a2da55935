package io.hyperstream.sampler.algorithm;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Limited-memory BFGS minimization of a smooth function in a box (Nocedal and Wright, algorithm
 * 7.4), with a backtracking line search on the Armijo condition. Bounds are kept by projection:
 * a variable held at a bound by a gradient pushing outwards does not move, and steps are clipped
 * to the box. A point where the function is not finite counts as infinitely bad, so the line
 * search steps back from it.
 */
final class Lbfgs {

    /** A function to minimize and its gradient. */
    @FunctionalInterface
    interface Objective {
        /** The value at x (+∞ or NaN if x is not allowed); writes the gradient into {@code gradient}. */
        double evaluate(double[] x, double[] gradient);
    }

    /**
     * Where the minimization stopped, its value there, how many evaluations it took, and the
     * curvature pairs (s, y) it ended with, oldest first, which can warm-start a related problem.
     */
    record Result(double[] x, double value, int evaluations, List<double[][]> curvature) {
    }

    private static final int MEMORY = 8;
    private static final double ARMIJO = 1e-4;

    private final int maxEvaluations;
    private final double gradientTolerance;
    private final double improvementTolerance;

    /**
     * @param maxEvaluations    stop after this many function evaluations
     * @param gradientTolerance stop when every component of the gradient is smaller than this
     * @param improvementTolerance stop when an iteration lowers the value by less than this
     */
    Lbfgs(int maxEvaluations, double gradientTolerance, double improvementTolerance) {
        this.maxEvaluations = maxEvaluations;
        this.gradientTolerance = gradientTolerance;
        this.improvementTolerance = improvementTolerance;
    }

    /** Minimizes without bounds. */
    Result minimize(Objective objective, double[] start) {
        double[] lower = new double[start.length];
        double[] upper = new double[start.length];
        Arrays.fill(lower, Double.NEGATIVE_INFINITY);
        Arrays.fill(upper, Double.POSITIVE_INFINITY);
        return minimize(objective, start, lower, upper, List.of());
    }

    /**
     * Minimizes within lower <= x <= upper, starting from {@code start} moved into the box and
     * from the curvature pairs of an earlier, similar minimization (empty for none).
     */
    Result minimize(Objective objective, double[] start, double[] lower, double[] upper, List<double[][]> curvature) {
        int dim = start.length;
        double[] x = new double[dim];
        for (int i = 0; i < dim; i++) {
            x[i] = Math.max(lower[i], Math.min(upper[i], start[i]));
        }
        double[] g = new double[dim];
        double f = objective.evaluate(x, g);
        int evaluations = 1;
        if (!Double.isFinite(f)) {
            return new Result(x, f, evaluations, List.of());
        }
        ArrayDeque<double[][]> history = new ArrayDeque<>();
        for (double[][] pair : curvature) {
            if (pair[0].length == dim && pair[1].length == dim) {
                history.addLast(new double[][] {pair[0].clone(), pair[1].clone()});
            }
        }
        while (history.size() > MEMORY) {
            history.removeFirst();
        }
        double[] xNew = new double[dim];
        double[] gNew = new double[dim];
        double[] pg = projected(x, g, lower, upper);
        while (evaluations < maxEvaluations && maxAbs(pg) > gradientTolerance) {
            double[] direction = direction(pg, history);
            for (int i = 0; i < dim; i++) {
                if (pg[i] == 0) {
                    direction[i] = 0;
                }
            }
            if (!(dot(direction, pg) < 0)) {
                // Not a descent direction (bad curvature pairs): restart from steepest descent.
                history.clear();
                direction = negate(pg);
            } else if (!history.isEmpty() && -0.5 * dot(direction, pg) < improvementTolerance) {
                // The quasi-Newton model expects less than the tolerance from a full step: converged.
                break;
            }
            double step = history.isEmpty() ? Math.min(1, 1 / Math.sqrt(dot(pg, pg))) : 1;
            double fNew = Double.NaN;
            boolean accepted = false;
            while (evaluations < maxEvaluations) {
                double decrease = 0;
                for (int i = 0; i < dim; i++) {
                    xNew[i] = Math.max(lower[i], Math.min(upper[i], x[i] + step * direction[i]));
                    decrease += g[i] * (xNew[i] - x[i]);
                }
                fNew = objective.evaluate(xNew, gNew);
                evaluations++;
                if (Double.isFinite(fNew) && fNew <= f + ARMIJO * decrease) {
                    accepted = true;
                    break;
                }
                step *= Double.isFinite(fNew) ? 0.5 : 0.1;
                if (step < 1e-12) {
                    break;
                }
            }
            if (!accepted) {
                break;
            }
            double[] s = new double[dim];
            double[] y = new double[dim];
            for (int i = 0; i < dim; i++) {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
            }
            if (dot(s, y) > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
                history.addLast(new double[][] {s, y});
                if (history.size() > MEMORY) {
                    history.removeFirst();
                }
            }
            double improvement = f - fNew;
            System.arraycopy(xNew, 0, x, 0, dim);
            System.arraycopy(gNew, 0, g, 0, dim);
            pg = projected(x, g, lower, upper);
            f = fNew;
            if (improvement <= improvementTolerance) {
                break;
            }
        }
        return new Result(x, f, evaluations, List.copyOf(history));
    }

    /** The gradient with the components that push against a bound the variable sits on set to zero. */
    private static double[] projected(double[] x, double[] g, double[] lower, double[] upper) {
        double[] pg = g.clone();
        for (int i = 0; i < x.length; i++) {
            if ((x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0)) {
                pg[i] = 0;
            }
        }
        return pg;
    }

    /** The two-loop recursion: -H g for the inverse Hessian H the stored pairs describe. */
    private static double[] direction(double[] g, ArrayDeque<double[][]> history) {
        double[] q = g.clone();
        int m = history.size();
        double[] alpha = new double[m];
        double[] rho = new double[m];
        Iterator<double[][]> newestFirst = history.descendingIterator();
        for (int k = m - 1; k >= 0; k--) {
            double[][] pair = newestFirst.next();
            rho[k] = 1 / dot(pair[1], pair[0]);
            alpha[k] = rho[k] * dot(pair[0], q);
            axpy(-alpha[k], pair[1], q);
        }
        if (m > 0) {
            double[][] newest = history.peekLast();
            double gamma = dot(newest[0], newest[1]) / dot(newest[1], newest[1]);
            for (int i = 0; i < q.length; i++) {
                q[i] *= gamma;
            }
        }
        Iterator<double[][]> oldestFirst = history.iterator();
        for (int k = 0; k < m; k++) {
            double[][] pair = oldestFirst.next();
            double beta = rho[k] * dot(pair[1], q);
            axpy(alpha[k] - beta, pair[0], q);
        }
        return negate(q);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double[] negate(double[] v) {
        double[] r = Arrays.copyOf(v, v.length);
        for (int i = 0; i < r.length; i++) {
            r[i] = -r[i];
        }
        return r;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }
}
