import unittest

from friday_client.client import build_connect_url


class BuildConnectUrlTests(unittest.TestCase):
    def test_adds_token_and_last_seq(self) -> None:
        self.assertEqual(
            build_connect_url("ws://h/ws", None, "t", 42),
            "ws://h/ws?token=t&last_seq=42",
        )

    def test_names_the_held_topics_with_last_seq_so_the_server_replays_them(self) -> None:
        self.assertEqual(
            build_connect_url("ws://h/ws", "tab-1", "t", 7, ["notes", "task:1"]),
            "ws://h/ws/tab-1?token=t&last_seq=7&topics=notes%2Ctask%3A1",
        )

    def test_sends_no_topics_without_last_seq(self) -> None:
        self.assertEqual(build_connect_url("ws://h/ws", None, "t", None, ["notes"]), "ws://h/ws?token=t")


if __name__ == "__main__":
    unittest.main()
