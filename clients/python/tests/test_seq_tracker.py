import unittest

from friday_client import SeqTracker


class SeqTrackerTest(unittest.TestCase):
    def test_drops_a_seq_at_or_below_the_newest_seen(self):
        tracker = SeqTracker()
        delivered = [seq for seq in (1, 2, 2, 3, 1, 5, 4, 6) if tracker.accept({"type": "data_changed", "seq": seq})]
        self.assertEqual(delivered, [1, 2, 3, 5, 6])
        self.assertEqual(tracker.highest, 6)

    def test_messages_without_a_numeric_seq_always_pass(self):
        tracker = SeqTracker(10)
        for message in ({"type": "pong"}, {"type": "x", "seq": None}, {"type": "x", "seq": "11"}, {"type": "x", "seq": True}):
            self.assertTrue(tracker.accept(message))
        self.assertEqual(tracker.highest, 10)

    def test_starts_from_a_given_resume_point(self):
        tracker = SeqTracker(100)
        self.assertFalse(tracker.accept({"seq": 100}))
        self.assertTrue(tracker.accept({"seq": 101}))


if __name__ == "__main__":
    unittest.main()
