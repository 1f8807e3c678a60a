import unittest

from friday_client import Backoff, CloseCode, backoff_delay, is_retryable_close


class BackoffTest(unittest.TestCase):
    def test_ceiling_doubles_from_the_initial_delay_up_to_the_maximum(self):
        backoff = Backoff(initial_delay=0.5, max_delay=30.0)
        almost_one = lambda: 0.999999  # noqa: E731
        ceilings = [round(backoff_delay(attempt, backoff, almost_one), 3) for attempt in range(9)]
        self.assertEqual(ceilings, [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0])

    def test_full_jitter_spreads_delays_over_zero_to_the_ceiling(self):
        backoff = Backoff(initial_delay=1.0, max_delay=30.0)
        self.assertEqual(backoff_delay(3, backoff, lambda: 0.0), 0.0)
        self.assertAlmostEqual(backoff_delay(3, backoff, lambda: 0.5), 4.0)

    def test_a_huge_attempt_number_stays_at_the_maximum(self):
        self.assertEqual(backoff_delay(10_000, Backoff(max_delay=7.0), lambda: 0.5), 3.5)

    def test_unlimited_retries_by_default_and_a_limit_when_given(self):
        self.assertTrue(Backoff().may_retry(1_000_000))
        limited = Backoff(max_retries=2)
        self.assertEqual([limited.may_retry(a) for a in range(4)], [True, True, False, False])

    def test_a_refused_client_id_and_a_replacement_are_final_whatever_the_token_source(self):
        for has_token_provider in (False, True):
            for code in (CloseCode.FORBIDDEN, CloseCode.REPLACED):
                self.assertFalse(is_retryable_close(code, has_token_provider))

    def test_unauthorized_is_retried_only_with_a_token_provider_which_gives_a_fresh_token(self):
        self.assertFalse(is_retryable_close(CloseCode.UNAUTHORIZED, False))
        self.assertTrue(is_retryable_close(CloseCode.UNAUTHORIZED, True))

    def test_other_closes_are_retried(self):
        for code in (None, 1000, 1001, 1006, 1008, 1009, 1011, 1013):
            self.assertTrue(is_retryable_close(code, False))


if __name__ == "__main__":
    unittest.main()
