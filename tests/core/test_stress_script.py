"""scripts/stress_test_order.py: seeded shuffles of the same files, and a crash told from a failure."""

import importlib.util
import signal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("stress_test_order", ROOT / "scripts" / "stress_test_order.py")
stress = importlib.util.module_from_spec(spec)
sys.modules["stress_test_order"] = stress  # its dataclass looks its module up there
spec.loader.exec_module(stress)


def test_orders_are_seeded_permutations_of_the_files():
    files = [f"tests/gui/test_{name}.py" for name in "abcdef"]
    orders = stress.shuffled_orders(files, 20, seed=3)
    assert len(orders) == 20 and all(sorted(order) == files for order in orders)
    assert len({tuple(order) for order in orders}) > 10  # 720 orders possible: nearly all differ
    assert stress.shuffled_orders(files, 20, seed=3) == orders  # a crash's order can be run again


def test_a_folder_gives_its_test_files_and_a_file_itself():
    found = stress.test_files([str(ROOT / "tests" / "gui")])
    assert found and all(Path(f).name.startswith("test_") and f.endswith(".py") for f in found)
    assert stress.test_files(["x/test_one.py"]) == ["x/test_one.py"]


def test_a_signal_is_a_crash_and_failing_tests_are_not():
    crash = stress.OrderResult(0, [], -signal.SIGSEGV, 1.0, "")
    aborted = stress.OrderResult(1, [], 134, 1.0, "Fatal Python error: Aborted\n")
    failed = stress.OrderResult(2, [], 1, 1.0, "1 failed")
    assert crash.crashed and crash.verdict() == "CRASH rc=-11 SIGSEGV"
    assert aborted.crashed and not failed.crashed and failed.verdict() == "tests failed rc=1"
