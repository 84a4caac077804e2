"""magsel.working_points: broadcasting, shapes, agreement with `magsel demag`, the GIL released, bad input."""
import math
import threading

import numpy as np
import pytest

import magsel

KEYS = ("working_field_A_m", "flux_density_T", "polarization_T", "knee_margin_A_m", "irreversible_loss", "status")


@pytest.mark.parametrize("name,t,pc,field_kA_m,basis", [
    ("N48SH", 150, 2.0, 400, "min"),
    ("N48SH", 150, 2.0, 200.2, "min"),   # at the knee
    ("N42", 20, 0.5, 0, "min"),          # open circuit
    ("N38UH", 180, 1.2, 700, "typ"),     # past the knee
    ("Y30BH", -40, 1.0, 150, "min"),     # ferrite at its cold end
])
def test_agrees_with_cli_demag(cli, name, t, pc, field_kA_m, basis):
    shown = cli("demag", name, "--at", f"{t}degC", "--pc", pc, "--field", f"{field_kA_m}kA/m", "--basis", basis,
                "--format", "json", expect_exit=(0, 1))  # 1: the loss is above the limit
    w = magsel.working_points(name, t, pc, field_kA_m * 1e3, basis=basis)
    assert w["working_field_A_m"] == pytest.approx(shown["working_field_kA_m"] * 1e3, rel=1e-9)
    assert w["flux_density_T"] == pytest.approx(shown["flux_density_T"], rel=1e-9, abs=1e-12)
    assert w["polarization_T"] == pytest.approx(shown["polarization_T"], rel=1e-9)
    assert w["knee_margin_A_m"] == pytest.approx(shown["knee_margin_kA_m"] * 1e3, rel=1e-9, abs=1e-6)
    assert w["irreversible_loss"] * 100 == pytest.approx(shown["irreversible_loss_percent"], rel=1e-9, abs=1e-12)
    assert w["status"] == (1 if shown["extrapolated"] else 0)


def test_broadcasting_and_shapes():
    t = np.array([20.0, 80.0, 150.0])[:, None, None]     # (3, 1, 1)
    pc = np.array([0.5, 1.0, 2.0, 4.0])[None, :, None]   # (1, 4, 1)
    field = np.linspace(0, 600e3, 5)                     # (5,)
    w = magsel.working_points("N48SH", t, pc, field)
    for key in KEYS:
        assert w[key].shape == (3, 4, 5), key
    assert w["status"].dtype == np.uint8
    assert w["working_field_A_m"].dtype == np.float64
    # each element equals the single point
    for i, j, k in [(0, 0, 0), (2, 3, 4), (1, 2, 3)]:
        one = magsel.working_points("N48SH", float(t[i, 0, 0]), float(pc[0, j, 0]), float(field[k]))
        for key in KEYS:
            assert w[key][i, j, k] == one[key], key
    # on one load line the loss grows with the opposing field
    assert np.all(np.diff(w["irreversible_loss"][2, 1, :]) >= 0)


def test_scalars_give_numbers_and_views_work():
    w = magsel.working_points(magsel.grade("N48SH"), 150.0, 2.0, 400e3)
    assert isinstance(w["working_field_A_m"], float)
    assert isinstance(w["status"], int)
    # non-contiguous and integer inputs are converted once
    field = np.arange(0, 800_000, 1000)[::7]
    w = magsel.working_points("N48SH", 150, 2, field)
    assert w["irreversible_loss"].shape == field.shape
    assert w["irreversible_loss"][0] == magsel.working_points("N48SH", 150, 2, 0.0)["irreversible_loss"]
    empty = magsel.working_points("N48SH", 150, 2, np.empty((0, 3)))
    assert empty["flux_density_T"].shape == (0, 3)


def test_overrides_move_the_answer():
    base = magsel.working_points("N48SH", 150, 2, 400e3)
    g = magsel.grade("N48SH")
    same = magsel.working_points(g, 150, 2, 400e3, remanence_20_T=g.remanence_20_T["min"],
                                 intrinsic_coercivity_20_A_m=g.intrinsic_coercivity_20_A_m["min"])
    assert same["irreversible_loss"] == pytest.approx(base["irreversible_loss"], rel=1e-9)
    stronger = magsel.working_points(g, 150, 2, 400e3, intrinsic_coercivity_20_A_m=[1.1 * g.intrinsic_coercivity_20_A_m["min"],
                                                                                     1.3 * g.intrinsic_coercivity_20_A_m["min"]])
    assert stronger["irreversible_loss"].shape == (2,)
    assert stronger["irreversible_loss"][1] < stronger["irreversible_loss"][0] < base["irreversible_loss"]


def test_status_extrapolated_and_outside_envelope():
    g = magsel.grade("N42")
    w = magsel.working_points(g, [20.0, 230.0, g.curie_temperature_C + 5], 2.0, 100e3)
    assert list(w["status"]) == [0, 1, 2]
    assert [magsel.STATUS_NAMES[s] for s in w["status"]] == ["ok", "extrapolated", "outside_envelope"]
    assert math.isnan(w["flux_density_T"][2]) and not math.isnan(w["flux_density_T"][1])
    assert w["extrapolated_points"] == 1 and w["outside_envelope_points"] == 1


def test_threads_run_concurrently_and_agree():
    """The GIL is released during the batch call: threads overlap and give the serial answers."""
    field = np.linspace(0, 800e3, 200_000)
    expected = magsel.working_points("N48SH", 150, 2, field)["irreversible_loss"]
    results = [None] * 4
    inside = threading.Semaphore(0)

    def work(i):
        results[i] = magsel.working_points("N48SH", 150, 2, field)["irreversible_loss"]
        inside.release()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=120)
    assert all(not th.is_alive() for th in threads)
    for r in results:
        assert r is not None and np.array_equal(r, expected)


def test_gil_is_released_while_it_runs():
    """A Python thread keeps running while the main thread is inside one long batch call. The
    inputs are prepared beforehand and the extension is called directly, so that no Python
    bytecode of the main thread (where the interpreter could switch threads anyway) runs in between."""
    from magsel import _magsel

    n = 4_000_000
    temperature_K = np.linspace(20, 150, n) + 273.15
    field = np.linspace(0, 800e3, n)
    pc = np.array([2.0])
    grade = magsel.grade("N48SH")
    ticks = []
    stop = threading.Event()
    started = threading.Event()

    def ticker():
        started.set()
        while not stop.is_set():
            ticks.append(1)
            stop.wait(0.001)

    th = threading.Thread(target=ticker)
    th.start()
    started.wait()
    try:
        before = len(ticks)
        _magsel._working_points(grade, temperature_K, pc, field, "min", None, None)
        during = len(ticks) - before
    finally:
        stop.set()
        th.join()
    # with the GIL held the ticker could not run at all during the call (0, perhaps 1 at its edges)
    assert during >= 3, f"the ticker ran {during} times during the call: the GIL was held"


@pytest.mark.parametrize("kwargs,match", [
    (dict(temperature_C=150, pc=-1.0, field_A_m=1e5), "ermeance|Pc"),
    (dict(temperature_C=150, pc=2.0, field_A_m=[1e5, -1.0]), r"\[1\]|1"),
    (dict(temperature_C=float("nan"), pc=2.0, field_A_m=1e5), "emperature"),
    (dict(temperature_C=-300, pc=2.0, field_A_m=1e5), "emperature"),
    (dict(temperature_C=[1, 2, 3], pc=[1, 2], field_A_m=1e5), "broadcast"),
    (dict(temperature_C="hot", pc=2.0, field_A_m=1e5), "temperature_C"),
    (dict(temperature_C=150, pc=2.0, field_A_m=1e5, basis="median"), "basis|median"),
])
def test_bad_input_raises(kwargs, match):
    with pytest.raises(magsel.UsageError, match=match):
        magsel.working_points("N48SH", **kwargs)


def test_bad_grade_raises():
    with pytest.raises(magsel.UsageError, match="did you mean"):
        magsel.working_points("N48XX", 150, 2, 1e5)
    with pytest.raises(magsel.UsageError):
        magsel.working_points(None, 150, 2, 1e5)
