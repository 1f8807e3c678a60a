import unittest

from friday_client.seq_timeline import SeqTimeline


class SeqTimelineTest(unittest.TestCase):
    def test_settles_a_seq_once_it_has_been_known_for_the_maximum_lag(self):
        timeline = SeqTimeline(60)
        timeline.record(10, 0)
        timeline.record(20, 30)
        self.assertIsNone(timeline.settled(59.9))
        self.assertEqual(timeline.settled(60), 10)
        self.assertEqual(timeline.settled(90), 20)

    def test_ignores_a_seq_not_newer_than_the_last_recorded(self):
        timeline = SeqTimeline(1)
        timeline.record(10, 0)
        timeline.record(5, 0.5)
        self.assertEqual(timeline.settled(5), 10)

    def test_stays_bounded_under_a_fast_stream_and_errs_on_the_safe_side(self):
        timeline = SeqTimeline(60)
        for tick in range(0, 60001):
            timeline.record(tick + 1, tick / 100)
        self.assertLessEqual(len(timeline._entries), 64)
        settled = timeline.settled(600)
        self.assertLessEqual(settled, 54001)
        self.assertGreater(settled, 53800)

    def test_forgets_everything_on_clear(self):
        timeline = SeqTimeline(1)
        timeline.record(10, 0)
        timeline.clear()
        self.assertIsNone(timeline.settled(10))


if __name__ == "__main__":
    unittest.main()
