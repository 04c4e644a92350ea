"""A generic binary-heap priority queue with O(log n) update and remove."""

from pqueue.pqueue_heap import PriorityQueue, SupportsLessThan

__all__ = ["PriorityQueue", "SupportsLessThan"]
