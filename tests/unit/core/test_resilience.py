from desktop.core.events import Role
from desktop.core.resilience import (
    Handover,
    HandoverAction,
    InputKind,
    TurnTracker,
    seed_turns,
)

A = InputKind.AUDIO
T = InputKind.TEXT


def test_inputs_answered_by_a_later_turn_are_retired() -> None:
    turns: TurnTracker[str] = TurnTracker()
    turns.sent("hello", T, 0.0)
    turns.heard(0.1, model_turn=True, turn_complete=False)
    turns.sent("more audio", A, 0.2, 0.02)  # sent while the model answers "hello"
    assert turns.busy and turns.in_turn
    turns.heard(0.3, model_turn=True, turn_complete=True)
    assert turns.replay() == ["more audio"]
    assert not turns.in_turn and not turns.busy


def test_a_turn_cut_by_a_drop_leaves_its_input_for_replay() -> None:
    turns: TurnTracker[str] = TurnTracker()
    turns.sent("question", T, 0.0)
    turns.heard(0.1, model_turn=True, turn_complete=False)
    turns.connection_changed(0.2)
    assert turns.replay() == ["question"]
    # The new connection has not answered yet: an answer is due.
    assert turns.busy and not turns.in_turn


def test_input_transcription_alone_does_not_start_the_model_turn() -> None:
    turns: TurnTracker[str] = TurnTracker()
    turns.sent("a", A, 0.0, 0.02)
    turns.heard(0.1, model_turn=False, turn_complete=False)
    turns.sent("b", A, 0.2, 0.02)
    turns.heard(0.3, model_turn=True, turn_complete=True)
    assert turns.replay() == []


def test_replay_keeps_at_most_the_audio_window_and_every_text() -> None:
    turns: TurnTracker[str] = TurnTracker(max_audio_s=0.1, max_frames=1)
    turns.sent("t1", T, 0.0)
    for i in range(10):
        turns.sent(f"a{i}", A, 0.0, 0.02)
    turns.sent("f1", InputKind.VIDEO, 0.0)
    turns.sent("f2", InputKind.VIDEO, 0.0)
    assert turns.replay() == ["t1", "a5", "a6", "a7", "a8", "a9", "f2"]
    assert abs(turns.let_go_audio_s - 0.1) < 1e-9
    assert abs(turns.replay_audio_s - 0.1) < 1e-9


def test_stall_only_while_a_reply_is_due_or_streaming() -> None:
    turns: TurnTracker[str] = TurnTracker(stall_timeout_s=5)
    turns.sent("mic", A, 0.0, 0.02)
    assert not turns.overdue(100.0)  # hands-free audio: the server may stay quiet
    turns.sent("hi", T, 100.0)
    assert not turns.overdue(104.0) and turns.overdue(105.5)
    assert turns.stall_deadline(100.0) == 105.0
    turns.heard(105.0, model_turn=True, turn_complete=False)
    assert not turns.overdue(109.0) and turns.overdue(110.5)
    turns.heard(110.0, model_turn=False, turn_complete=False, tool_call=True)
    assert not turns.overdue(1000.0)  # the server waits for our tool response
    turns.heard(1000.0, model_turn=True, turn_complete=True)
    assert not turns.busy and not turns.overdue(2000.0)


def test_handover_prepares_then_switches_between_turns() -> None:
    h = Handover(received_at=10.0, time_left_s=10.0, margin_s=1.0)
    assert h.deadline == 19.0
    kw = {"preparing": False, "prepared": False, "prepared_fresh": False, "old_busy": True}
    assert h.decide(10.0, **kw) is HandoverAction.PREPARE
    assert h.decide(10.1, **{**kw, "preparing": True}) is HandoverAction.WAIT
    ready = {**kw, "prepared": True, "prepared_fresh": True}
    assert h.decide(10.2, **ready) is HandoverAction.WAIT  # a reply is streaming
    assert h.decide(10.3, **{**ready, "old_busy": False}) is HandoverAction.SWITCH
    assert h.decide(19.0, **ready) is HandoverAction.SWITCH  # no later than the deadline
    assert h.decide(12.0, **{**ready, "old_alive": False}) is HandoverAction.SWITCH
    # A newer handle arrived after the prepared connection opened: it lacks the last turn.
    stale = {**ready, "prepared_fresh": False, "old_busy": False}
    assert h.decide(12.0, **stale) is HandoverAction.PREPARE


def test_short_time_left_keeps_half_as_margin() -> None:
    assert Handover(0.0, 0.4, margin_s=1.0).deadline == 0.2
    assert Handover(0.0, 0.0).deadline == 0.0


def test_seed_turns_keep_the_newest_lines_and_merge_roles() -> None:
    lines = [
        (Role.USER, "old question"),
        (Role.MODEL, "old answer"),
        (Role.USER, "one"),
        (Role.USER, "two"),
        (Role.MODEL, "  answer   two "),
    ]
    assert seed_turns(lines, max_chars=100) == [
        (Role.USER, "old question"),
        (Role.MODEL, "old answer"),
        (Role.USER, "one\ntwo"),
        (Role.MODEL, "answer two"),
    ]
    assert seed_turns(lines, max_chars=15) == [(Role.USER, "two"), (Role.MODEL, "answer two")]
    assert seed_turns([(Role.USER, "x" * 50)], max_chars=10) == [(Role.USER, "…" + "x" * 9)]
    assert seed_turns([]) == []


def test_settled_waits_for_the_handle_of_the_last_turn() -> None:
    turns: TurnTracker[str] = TurnTracker()
    turns.sent("q", T, 0.0)
    turns.heard(0.1, model_turn=True, turn_complete=True)
    assert not turns.busy and not turns.settled(0.2)
    turns.heard(0.3, model_turn=False, turn_complete=False, handle=True)
    assert turns.settled(0.3)
    turns.sent("q2", T, 1.0)
    turns.heard(1.1, model_turn=True, turn_complete=True)
    assert not turns.settled(1.5) and turns.settled(2.2)  # no handle came: grace is over


def test_a_spoken_line_being_replayed_stays_open_and_is_transcribed_afresh() -> None:
    from desktop.core.events import TranscriptLine
    from desktop.core.live_codec import LiveEventDecoder

    decoder = LiveEventDecoder(lambda: 1.0)
    decoder.decode({"serverContent": {"inputTranscription": {"text": "what is th"}}})
    decoder.decode({"serverContent": {"outputTranscription": {"text": "It is"}}})
    closed = decoder.connection_changed(replaying_audio=True)
    assert [(line.role, line.interrupted) for line in closed] == [(Role.MODEL, True)]
    # The replayed audio is transcribed again on the new connection: one line, not two.
    decoder.decode({"serverContent": {"inputTranscription": {"text": "what is this"}}})
    events = decoder.decode({"serverContent": {"turnComplete": True}})
    (line,) = [e for e in events if isinstance(e, TranscriptLine)]
    assert (line.role, line.text, line.line_id) == (Role.USER, "what is this", 1)
    # Nothing came again: the earlier text is kept rather than lost.
    decoder.decode({"serverContent": {"inputTranscription": {"text": "hello"}}})
    decoder.connection_changed(replaying_audio=True)
    (kept,) = decoder.connection_lost()
    assert kept.text == "hello"


def test_a_prompt_the_server_fails_on_twice_is_not_replayed_a_third_time() -> None:
    turns: TurnTracker[str] = TurnTracker()
    turns.connection_changed(0.0)
    turns.sent("poison", T, 0.0)
    turns.sent("later", T, 0.1)
    assert turns.connection_failed(1011) is None  # first strike: it is replayed
    turns.connection_changed(1.0)
    assert turns.replay() == ["poison", "later"]
    # Replayed, but the new connection failed before it took the replay: no strike.
    assert turns.connection_failed(1011) is None
    turns.connection_changed(2.0)
    for item in turns.replay():
        turns.redelivered(item)
    assert turns.connection_failed(1011) == "poison"  # failed alike after the replay
    assert turns.replay() == ["later"]
    turns.connection_changed(3.0)
    turns.redelivered("later")
    turns.heard(3.1, model_turn=True, turn_complete=True)
    assert turns.replay() == [] and not turns.busy


def test_a_late_transcription_is_no_turn_in_progress() -> None:
    turns: TurnTracker[str] = TurnTracker(stall_timeout_s=5)
    turns.sent("q2", T, 0.0)
    turns.heard(0.5, model_turn=True, turn_complete=True)
    turns.heard(0.6, model_turn=False, turn_complete=False)  # the late piece
    assert not turns.in_turn and not turns.overdue(100.0)
    turns.sent("q3", T, 1.0)
    turns.heard(1.5, model_turn=True, turn_complete=True)
    assert turns.replay() == []  # q3 is answered, nothing to ask twice


def test_generation_complete_then_silence_ends_the_turn_without_a_stall() -> None:
    turns: TurnTracker[str] = TurnTracker(stall_timeout_s=20, generation_grace_s=3)
    turns.sent("q", T, 0.0)
    turns.heard(0.5, model_turn=True, turn_complete=False)
    turns.heard(1.0, model_turn=True, turn_complete=False, generation_complete=True)
    assert turns.stall_deadline(1.0) == 4.0
    assert not turns.generation_over(3.9)
    assert turns.generation_over(4.0) and not turns.overdue(30.0)
    turns.turn_ended_quietly(4.0)
    assert turns.replay() == [] and not turns.busy and not turns.overdue(100.0)
    # The grace is never longer than half the stall timeout.
    assert TurnTracker[str](stall_timeout_s=1.0).generation_grace_s == 0.5


def test_tool_answered_restores_the_stall_watch() -> None:
    turns: TurnTracker[str] = TurnTracker(stall_timeout_s=5)
    turns.sent("call a tool", T, 0.0)
    turns.heard(0.5, model_turn=False, turn_complete=False, tool_call=True)
    assert not turns.overdue(100.0)
    turns.tool_answered(100.0)  # what the session calls when every call was cancelled
    assert turns.overdue(105.5)


def test_two_unrelated_failures_are_bad_luck_not_poison() -> None:
    turns: TurnTracker[str] = TurnTracker()
    turns.connection_changed(0.0)
    turns.sent("q", T, 0.0)
    assert turns.connection_failed(1006) is None
    turns.connection_changed(1.0)
    turns.redelivered("q")
    assert turns.connection_failed(1011) is None  # a different failure: counting anew
    turns.connection_changed(2.0)
    turns.redelivered("q")
    assert turns.connection_failed(1011) == "q"
