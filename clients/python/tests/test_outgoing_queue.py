import unittest

from friday_client import OutgoingQueue


class OutgoingQueueTest(unittest.TestCase):
    def test_keeps_order_and_drains_once(self):
        queue = OutgoingQueue(10)
        for n in range(3):
            self.assertTrue(queue.push(n))
        self.assertEqual(queue.drain(), [0, 1, 2])
        self.assertEqual(queue.drain(), [])

    def test_refuses_the_newest_when_full(self):
        queue = OutgoingQueue(2)
        self.assertEqual([queue.push(n) for n in range(3)], [True, True, False])
        self.assertEqual(queue.drain(), [0, 1])

    def test_removes_matching_items(self):
        queue = OutgoingQueue(10)
        for message in ({"id": "a"}, {"id": "b"}, {"id": "c"}):
            queue.push(message)
        queue.remove(lambda m: m["id"] == "b")
        self.assertEqual(len(queue), 2)
        self.assertEqual([m["id"] for m in queue.drain()], ["a", "c"])

    def test_rejects_a_negative_capacity(self):
        with self.assertRaises(ValueError):
            OutgoingQueue(-1)


if __name__ == "__main__":
    unittest.main()
