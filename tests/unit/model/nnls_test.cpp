// Non-negative least squares (Lawson-Hanson) against cases solved by hand in the comments, an
// Ernest-style calibration, degenerate shapes, and the KKT conditions on random problems.
#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "sparkfit/model/nnls.hpp"

using sparkfit::model::NnlsResult;
using sparkfit::model::solve_nnls;
using sparkfit::model::solve_nnls_weighted;

namespace {

// w = A^T (b - A x), A row-major rows x cols.
std::vector<double> gradient(const std::vector<double>& a, std::size_t rows, std::size_t cols,
                             const std::vector<double>& b, const std::vector<double>& x) {
  std::vector<double> w(cols, 0.0);
  for (std::size_t i = 0; i < rows; ++i) {
    double r = b[i];
    for (std::size_t j = 0; j < cols; ++j) r -= a[i * cols + j] * x[j];
    for (std::size_t j = 0; j < cols; ++j) w[j] += a[i * cols + j] * r;
  }
  return w;
}

double norm(const std::vector<double>& v) {
  double s = 0;
  for (double d : v) s += d * d;
  return std::sqrt(s);
}

}  // namespace

TEST_SUITE("nnls") {
  TEST_CASE("an unconstrained optimum that is already non-negative equals ordinary least squares") {
    // Fit y = x0 + x1 * t at t = 0, 1, 2 to y = 1, 2, 4.
    //   A = [[1,0],[1,1],[1,2]], b = [1,2,4]
    //   A^T A = [[3,3],[3,5]] (det 6), A^T b = [7,10]
    //   x = (1/6) [[5,-3],[-3,3]] [7,10] = (1/6) [5, 9] = [5/6, 3/2]   (both > 0, so NNLS = OLS)
    //   A x = [5/6, 14/6, 23/6], b - A x = [1/6, -2/6, 1/6], ||.||^2 = 6/36 -> 1/sqrt(6)
    const std::vector<double> a{1, 0, 1, 1, 1, 2};
    const std::vector<double> b{1, 2, 4};
    const NnlsResult r = solve_nnls(a, 3, 2, b);
    CHECK(r.converged);
    REQUIRE(r.x.size() == 2);
    CHECK(r.x[0] == doctest::Approx(5.0 / 6.0).epsilon(1e-12));
    CHECK(r.x[1] == doctest::Approx(1.5).epsilon(1e-12));
    CHECK(r.residual_norm == doctest::Approx(1.0 / std::sqrt(6.0)).epsilon(1e-12));
    CHECK(r.iterations == 2);
  }

  TEST_CASE("a negative least-squares coefficient is clamped to zero and the rest re-fitted") {
    // A = [[1,0],[0,1],[1,1]], b = [2,-1,1]
    //   OLS: A^T A = [[2,1],[1,2]], A^T b = [3,0], x = (1/3) [[2,-1],[-1,2]] [3,0] = [2,-1]
    //        (A x = [2,-1,1] = b exactly, but x1 = -1 < 0).
    //   NNLS: x1 = 0, minimise (x0-2)^2 + 1 + (x0-1)^2 -> 2(x0-2) + 2(x0-1) = 0 -> x0 = 3/2.
    //   r = b - A x = [1/2, -1, -1/2], ||r|| = sqrt(1/4 + 1 + 1/4) = sqrt(3/2).
    //   KKT: w = A^T r = [1/2 - 1/2, -1 - 1/2] = [0, -3/2]: w0 = 0 on the passive column,
    //   w1 = -3/2 <= 0 on the clamped one. Lawson-Hanson gets there in one step: w(0) = A^T b =
    //   [3, 0], column 0 enters, z0 = (a0 . b) / (a0 . a0) = 3/2, then w1 = -3/2 stops it.
    const std::vector<double> a{1, 0, 0, 1, 1, 1};
    const std::vector<double> b{2, -1, 1};
    const NnlsResult r = solve_nnls(a, 3, 2, b);
    CHECK(r.converged);
    REQUIRE(r.x.size() == 2);
    CHECK(r.x[0] == doctest::Approx(1.5).epsilon(1e-12));
    CHECK(r.x[1] == 0.0);
    CHECK(r.residual_norm == doctest::Approx(std::sqrt(1.5)).epsilon(1e-12));
    CHECK(r.iterations == 1);
  }

  TEST_CASE("a column that entered first is dropped again when a later one makes it negative") {
    // Exercises the inner (backtracking) loop. A = [[4,1],[0,1]] (columns a0 = [4,0], a1 = [1,1]),
    // b = [3,7] = -1 * a0 + 7 * a1, so the unconstrained solution is [-1, 7].
    //   w = A^T b = [12, 10]: column 0 enters, z0 = 12/16 = 3/4, x = [3/4, 0].
    //   r = b - A x = [0, 7], w = [0, 7]: column 1 enters, z = [-1, 7] (square, exact).
    //   z0 < 0: alpha = x0 / (x0 - z0) = (3/4) / (7/4) = 3/7, x = x + alpha (z - x) = [0, 3],
    //   column 0 leaves. Re-solve on a1 alone: z1 = (a1 . b) / (a1 . a1) = 10/2 = 5 > 0.
    //   x = [0, 5]; r = [3-5, 7-5] = [-2, 2], ||r|| = 2 sqrt(2); w = [-8, 0] -> KKT holds.
    const std::vector<double> a{4, 1, 0, 1};
    const std::vector<double> b{3, 7};
    const NnlsResult r = solve_nnls(a, 2, 2, b);
    CHECK(r.converged);
    REQUIRE(r.x.size() == 2);
    CHECK(r.x[0] == 0.0);
    CHECK(r.x[1] == doctest::Approx(5.0).epsilon(1e-12));
    CHECK(r.residual_norm == doctest::Approx(2.0 * std::sqrt(2.0)).epsilon(1e-12));
    CHECK(r.iterations == 2);

    SUBCASE("the iteration limit stops it short, unconverged but feasible") {
      const NnlsResult cut = solve_nnls(a, 2, 2, b, 1);
      CHECK_FALSE(cut.converged);
      CHECK(cut.iterations == 1);
      CHECK(cut.x[0] == doctest::Approx(0.75).epsilon(1e-12));
      CHECK(cut.x[1] == 0.0);
    }
  }

  TEST_CASE("noiseless Ernest-style runs give back the model's coefficients exactly") {
    // time = a + b * work/cores + c * log(nodes) + d * nodes, a = 20, b = 3.5, c = 0, d = 0.4,
    // features [1, work/cores, log(nodes), nodes], nodes 2..32 with 4 cores each, two input sizes.
    // The data are exact, so the residual is 0 and the optimum is the true vector; c = 0 sits on
    // the constraint boundary and must come back as (numerically) zero, not a small negative.
    std::vector<double> a;
    std::vector<double> b;
    std::size_t rows = 0;
    for (double work : {64.0, 256.0}) {
      for (int nodes = 2; nodes <= 32; ++nodes) {
        const double n = nodes;
        const double cores = 4 * n;
        a.insert(a.end(), {1.0, work / cores, std::log(n), n});
        b.push_back(20 + 3.5 * work / cores + 0 * std::log(n) + 0.4 * n);
        ++rows;
      }
    }
    const NnlsResult r = solve_nnls(a, rows, 4, b);
    CHECK(r.converged);
    REQUIRE(r.x.size() == 4);
    CHECK(r.x[0] == doctest::Approx(20.0).epsilon(1e-9));
    CHECK(r.x[1] == doctest::Approx(3.5).epsilon(1e-9));
    CHECK(r.x[2] >= 0.0);
    CHECK(r.x[2] <= 1e-9);
    CHECK(r.x[3] == doctest::Approx(0.4).epsilon(1e-9));
    CHECK(r.residual_norm <= 1e-9);
  }

  TEST_CASE("a zero column or a dependent column keeps a zero coefficient") {
    SUBCASE("zero column") {
      // A = [[0,1],[0,1],[0,1]], b = [1,2,3]: column 0 contributes nothing, x1 = mean(b) = 2,
      // r = [-1,0,1], ||r|| = sqrt(2).
      const NnlsResult r = solve_nnls({0, 1, 0, 1, 0, 1}, 3, 2, {1, 2, 3});
      CHECK(r.converged);
      CHECK(r.x[0] == 0.0);
      CHECK(r.x[1] == doctest::Approx(2.0).epsilon(1e-12));
      CHECK(r.residual_norm == doctest::Approx(std::sqrt(2.0)).epsilon(1e-12));
    }
    SUBCASE("duplicate columns") {
      // A = [[1,1],[1,1],[1,1]], b = [1,2,3]: any x0 + x1 = 2 is optimal. w = A^T b = [6,6],
      // the first maximum (column 0) enters with x0 = 2; then w1 = a1 . r = 0 and it stops.
      const NnlsResult r = solve_nnls({1, 1, 1, 1, 1, 1}, 3, 2, {1, 2, 3});
      CHECK(r.converged);
      CHECK(r.x[0] == doctest::Approx(2.0).epsilon(1e-12));
      CHECK(r.x[1] == 0.0);
      CHECK(r.residual_norm == doctest::Approx(std::sqrt(2.0)).epsilon(1e-12));
    }
    SUBCASE("a column that is the sum of two others") {
      // A = [[1,0,1],[0,1,1],[1,1,2]] (a2 = a0 + a1), b = [1,1,2] = a0 + a1 = a2.
      // w = A^T b = [3,3,6]: column 2 enters, x2 = 6/6 = 1, r = 0, so x = [0,0,1].
      const NnlsResult r = solve_nnls({1, 0, 1, 0, 1, 1, 1, 1, 2}, 3, 3, {1, 1, 2});
      CHECK(r.converged);
      CHECK(r.x[0] == 0.0);
      CHECK(r.x[1] == 0.0);
      CHECK(r.x[2] == doctest::Approx(1.0).epsilon(1e-12));
      CHECK(r.residual_norm <= 1e-12);
    }
  }

  TEST_CASE("a column in tiny units is judged on its own scale, not against the largest one") {
    // A = diag(1e6, 1e-9), b = [1, 1]: x = [1e-6, 1e9], residual 0. At x = 0, w = [1e6, 1e-9];
    // a tolerance scaled by ||A||_F (~1e6) would call w1 = 1e-9 rounding noise and stop at
    // x1 = 0 with residual 1.
    const NnlsResult r = solve_nnls({1e6, 0, 0, 1e-9}, 2, 2, {1, 1});
    CHECK(r.converged);
    CHECK(r.x[0] == doctest::Approx(1e-6).epsilon(1e-12));
    CHECK(r.x[1] == doctest::Approx(1e9).epsilon(1e-12));
    CHECK(r.residual_norm <= 1e-12);
  }

  TEST_CASE("more columns than rows gives a non-negative basic solution") {
    SUBCASE("one row, three columns") {
      // A = [[1,2,3]], b = [6]: w = [6,12,18], column 2 enters, x2 = 18/9 = 2, r = 0.
      // ([6,0,0] and [0,3,0] are optimal too; Lawson-Hanson returns the basic one it reaches.)
      const NnlsResult r = solve_nnls({1, 2, 3}, 1, 3, {6});
      CHECK(r.converged);
      CHECK(r.x[0] == 0.0);
      CHECK(r.x[1] == 0.0);
      CHECK(r.x[2] == doctest::Approx(2.0).epsilon(1e-12));
      CHECK(r.residual_norm <= 1e-12);
    }
    SUBCASE("two rows, three columns, unique constrained optimum") {
      // A = [[1,0,1],[0,1,1]], b = [2,-1]: f = (x0+x2-2)^2 + (x1+x2+1)^2 >= (x1+x2+1)^2 >= 1
      // for x >= 0, with equality only at x1 = x2 = 0, x0 = 2. So x = [2,0,0], ||r|| = 1.
      const NnlsResult r = solve_nnls({1, 0, 1, 0, 1, 1}, 2, 3, {2, -1});
      CHECK(r.converged);
      CHECK(r.x[0] == doctest::Approx(2.0).epsilon(1e-12));
      CHECK(r.x[1] == 0.0);
      CHECK(r.x[2] == 0.0);
      CHECK(r.residual_norm == doctest::Approx(1.0).epsilon(1e-12));
    }
  }

  TEST_CASE("an all-negative target with non-negative features gives x = 0") {
    // A = [[1,2],[3,4],[5,6]], b = [-1,-2,-3]: w = A^T b = [-22,-28] <= 0 at x = 0, so x = 0
    // is optimal and ||r|| = ||b|| = sqrt(14).
    const NnlsResult r = solve_nnls({1, 2, 3, 4, 5, 6}, 3, 2, {-1, -2, -3});
    CHECK(r.converged);
    CHECK(r.x == std::vector<double>{0.0, 0.0});
    CHECK(r.iterations == 0);
    CHECK(r.residual_norm == doctest::Approx(std::sqrt(14.0)).epsilon(1e-12));
  }

  TEST_CASE("relative-error weights pull a constant fit towards the short run") {
    // One feature (a constant) fitted to runs of 1 s and 100 s.
    //   Unweighted: x = mean = 50.5.
    //   Weights 1/b^2 = [1, 1e-4]: x = sum(w b) / sum(w) = (1 + 0.01) / (1 + 0.0001) = 10100/10001.
    //   Weighted residual: x - 1 = 99/10001, (x - 100)/100 = -9900/10001,
    //   norm^2 = (99^2 + 9900^2) / 10001^2 = 99^2 * 10001 / 10001^2 -> norm = 99 / sqrt(10001).
    const std::vector<double> a{1, 1};
    const std::vector<double> b{1, 100};
    const NnlsResult plain = solve_nnls(a, 2, 1, b);
    CHECK(plain.x[0] == doctest::Approx(50.5).epsilon(1e-12));

    const NnlsResult weighted = solve_nnls_weighted(a, 2, 1, b, {1.0 / (1 * 1), 1.0 / (100 * 100)});
    CHECK(weighted.converged);
    CHECK(weighted.x[0] == doctest::Approx(10100.0 / 10001.0).epsilon(1e-12));
    CHECK(weighted.residual_norm == doctest::Approx(99.0 / std::sqrt(10001.0)).epsilon(1e-12));

    SUBCASE("equal weights give the unweighted answer") {
      const NnlsResult same = solve_nnls_weighted(a, 2, 1, b, {4, 4});
      CHECK(same.x[0] == doctest::Approx(50.5).epsilon(1e-12));
      CHECK(same.residual_norm == doctest::Approx(2 * plain.residual_norm).epsilon(1e-12));
    }
    SUBCASE("a zero weight ignores that run") {
      const NnlsResult only_long = solve_nnls_weighted(a, 2, 1, b, {0, 1});
      CHECK(only_long.x[0] == doctest::Approx(100.0).epsilon(1e-12));
    }
    SUBCASE("a negative weight or a wrong count is rejected") {
      CHECK_THROWS_AS(solve_nnls_weighted(a, 2, 1, b, {1, -1}), std::invalid_argument);
      CHECK_THROWS_AS(solve_nnls_weighted(a, 2, 1, b, {1}), std::invalid_argument);
    }
  }

  TEST_CASE("the KKT conditions hold on 200 random problems") {
    // At the NNLS optimum, with w = A^T (b - A x): x >= 0, w_j <= 0 where x_j = 0 and w_j = 0 where
    // x_j > 0 (to rounding). Every fifth problem duplicates a column and every seventh zeroes one.
    for (unsigned seed = 0; seed < 200; ++seed) {
      CAPTURE(seed);
      std::mt19937 rng(seed);
      std::uniform_int_distribution<std::size_t> rows_dist(1, 15);
      std::uniform_int_distribution<std::size_t> cols_dist(1, 10);
      std::uniform_real_distribution<double> value(-1.0, 1.0);
      const std::size_t rows = rows_dist(rng);
      const std::size_t cols = cols_dist(rng);
      std::vector<double> a(rows * cols);
      std::vector<double> b(rows);
      for (double& v : a) v = value(rng);
      for (double& v : b) v = 3 * value(rng);
      if (cols >= 2 && seed % 5 == 0) {
        for (std::size_t i = 0; i < rows; ++i) a[i * cols + 1] = a[i * cols];
      }
      if (seed % 7 == 0) {
        for (std::size_t i = 0; i < rows; ++i) a[i * cols + cols - 1] = 0;
      }

      const NnlsResult r = solve_nnls(a, rows, cols, b);
      REQUIRE(r.converged);
      REQUIRE(r.x.size() == cols);
      const std::vector<double> w = gradient(a, rows, cols, b, r.x);
      const double tol = 1e-9 * std::max(1.0, norm(a) * norm(b));
      for (std::size_t j = 0; j < cols; ++j) {
        CAPTURE(j);
        CHECK(r.x[j] >= 0.0);
        if (r.x[j] == 0.0) {
          CHECK(w[j] <= tol);
        } else {
          CHECK(std::abs(w[j]) <= tol);
        }
      }
      // The reported residual is the residual of the returned x.
      std::vector<double> residual(b);
      for (std::size_t i = 0; i < rows; ++i) {
        for (std::size_t j = 0; j < cols; ++j) residual[i] -= a[i * cols + j] * r.x[j];
      }
      CHECK(r.residual_norm == doctest::Approx(norm(residual)).epsilon(1e-10));
    }
  }

  TEST_CASE("empty, all-zero and invalid inputs are handled without numeric surprises") {
    SUBCASE("no columns gives an empty x") {
      const NnlsResult r = solve_nnls({}, 2, 0, {3, 4});
      CHECK(r.converged);
      CHECK(r.x.empty());
      CHECK(r.residual_norm == doctest::Approx(5.0));
    }
    SUBCASE("no rows gives x = 0") {
      const NnlsResult r = solve_nnls({}, 0, 3, {});
      CHECK(r.converged);
      CHECK(r.x == std::vector<double>{0.0, 0.0, 0.0});
    }
    SUBCASE("an all-zero target gives x = 0") {
      const NnlsResult r = solve_nnls({1, 2, 3, 4}, 2, 2, {0, 0});
      CHECK(r.converged);
      CHECK(r.x == std::vector<double>{0.0, 0.0});
      CHECK(r.residual_norm == 0.0);
    }
    SUBCASE("mismatched sizes throw std::invalid_argument") {
      CHECK_THROWS_AS(solve_nnls({1, 2, 3}, 2, 2, {1, 2}), std::invalid_argument);
      CHECK_THROWS_AS(solve_nnls({1, 2, 3, 4}, 2, 2, {1}), std::invalid_argument);
      CHECK_THROWS_AS(solve_nnls({1, 2, 3, 4}, 2, 2, {1, 2}, -1), std::invalid_argument);
      CHECK_THROWS_AS(solve_nnls({1, 2, 3, 4}, 2, 2, {1, 2}, 0, -1.0), std::invalid_argument);
    }
    SUBCASE("NaN or infinity in the data is reported, not thrown") {
      const double nan = std::numeric_limits<double>::quiet_NaN();
      const double inf = std::numeric_limits<double>::infinity();
      NnlsResult r;
      CHECK_NOTHROW(r = solve_nnls({1, nan, 3, 4}, 2, 2, {1, 2}));
      CHECK_FALSE(r.converged);
      CHECK(r.x == std::vector<double>{0.0, 0.0});
      CHECK_NOTHROW(r = solve_nnls({1, 2, 3, 4}, 2, 2, {inf, 2}));
      CHECK_FALSE(r.converged);
      CHECK_NOTHROW(r = solve_nnls_weighted({1, 2, 3, 4}, 2, 2, {1, 2}, {inf, 1}));
      CHECK_FALSE(r.converged);
    }
    SUBCASE("values near overflow do not throw") {
      const double big = 1e300;
      NnlsResult r;
      CHECK_NOTHROW(r = solve_nnls({big, big, big, -big}, 2, 2, {big, big}));
      for (double v : r.x) CHECK(v >= 0.0);
    }
  }

}  // TEST_SUITE("nnls")
