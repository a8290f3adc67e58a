//! Every sentence of the front end, in Japanese (first) and English.
//!
//! Keys are dotted strings, looked up with [`t`]; a test checks that both languages have the
//! same keys, that none is empty, and that every key the source code uses exists — so a
//! sentence missing in one language fails the build's tests, not a person's screen.

use ibasho_protocol::{ErrorCode, Lang};

/// Japanese: calm, plain, polite (です・ます), short sentences.
const JA: &[(&str, &str)] = &[
    ("app.name", "Ibasho（居場所）"),
    ("app.tagline", "オンラインの居場所"),
    ("app.loading", "読み込んでいます…"),
    ("app.skip", "本文へ移動"),
    ("lobby.welcome.title", "ようこそ"),
    (
        "lobby.welcome.body",
        "ここは、ひきこもりの経験のある人やその家族が、名前を明かさずに過ごせるオンラインの居場所です。登録はいりません。ここでの名前（ハンドル）は、どこにもつながっていません。ここで話したことは、セッションが終わると消えます。話しても、ただ聞いているだけでも大丈夫です。",
    ),
    ("lobby.open_now", "いま開いている部屋"),
    ("lobby.closed_now", "いまは閉まっている部屋"),
    ("lobby.none_open", "いま開いている部屋はありません。"),
    ("lobby.present", "いま{n}人"),
    ("lobby.capacity", "定員{n}人"),
    ("lobby.enter", "入る"),
    ("lobby.full", "満員です"),
    ("lobby.closed", "閉まっています"),
    ("lobby.until", "{time} まで"),
    ("lobby.loading", "部屋の一覧を読み込んでいます…"),
    (
        "lobby.load_failed",
        "部屋の一覧を読み込めませんでした。少しして、もう一度お試しください。",
    ),
    ("lobby.retry", "もう一度読み込む"),
    ("lobby.for", "対象"),
    ("lobby.rooms_label", "部屋の一覧"),
    ("kind.themed", "テーマの部屋"),
    ("kind.family", "家族の会"),
    ("kind.programme", "ピアプログラム"),
    ("audience.themed", "本人向け"),
    ("audience.family", "家族向け"),
    ("audience.anyone", "どなたでも"),
    ("entry.word.label", "合言葉"),
    ("week.open", "今週の予定を見る"),
    ("week.title", "これから1週間の予定"),
    (
        "week.none",
        "この1週間に予定されている回はありません。いつでも開いている部屋があります。",
    ),
    (
        "week.failed",
        "予定を読み込めませんでした。少ししてからもう一度どうぞ。",
    ),
    ("week.calendar", "カレンダーに追加する（.ics）"),
    (
        "week.calendar_hint",
        "スマートフォンのカレンダーに予定を入れられます。登録は必要なく、あなたのことは何も送られません。",
    ),
    ("programme.age_band", "目安: {band}"),
    ("programme.facilitators", "ピアスタッフ: {names}"),
    ("programme.now", "いまは「{segment}」"),
    ("programme.agenda", "この回の流れ"),
    (
        "error.staff_login_refused",
        "スタッフ名かパスワードが違います。",
    ),
    ("error.forbidden", "これはスタッフだけができる操作です。"),
    (
        "error.not_your_turn",
        "いまは順番に話しています。あなたの番が来たら話せます。リアクションはいつでもできます。",
    ),
    (
        "error.not_now",
        "いまはその操作はできません（早く開けるのは15分前から、延長は終了後15分まで）。",
    ),
    (
        "round.your_turn",
        "あなたの番です。話しても、パスしても大丈夫です。",
    ),
    (
        "round.yours",
        "あなたの番です（{turn}/{turns}）。話しても、パスしても大丈夫です。",
    ),
    (
        "round.theirs",
        "いまは{handle}さんの番です（{turn}/{turns}）。",
    ),
    (
        "round.wait",
        "順番が来たら話せます。リアクションはいつでもできます。",
    ),
    ("round.pass", "パスする"),
    ("facilitate.label", "ファシリテーターの操作"),
    ("facilitate.extend", "5分延長する"),
    ("facilitate.previous", "前の区切りへ"),
    ("facilitate.next", "次の区切りへ"),
    ("facilitate.start_round", "順番に話す（ラウンド開始）"),
    ("facilitate.next_turn", "次の人へ"),
    ("facilitate.end_round", "ラウンドを終える"),
    ("facilitate.open_early", "早めに開けて入る"),
    ("staff.open", "スタッフの方はこちら"),
    ("staff.title", "スタッフのサインイン"),
    (
        "staff.body",
        "ファシリテーター・相談員の方のための入口です。参加する方はサインインの必要はありません。",
    ),
    ("staff.name", "スタッフ名"),
    ("staff.password", "パスワード"),
    ("staff.submit", "サインイン"),
    ("staff.signed_in", "{handle} としてサインインしています。"),
    ("staff.sign_out", "サインアウト"),
    ("countdown.now", "まもなく"),
    ("lobby.next_open_left", "次は {when} から（{left}）"),
    ("countdown.minutes", "あと{m}分"),
    ("countdown.hours", "あと{h}時間"),
    ("countdown.hours_minutes", "あと{h}時間{m}分"),
    ("countdown.days", "あと{d}日"),
    (
        "lobby.next_up",
        "次に開くのは「{room}」、{when}から（{left}）",
    ),
    (
        "staff.expired",
        "スタッフのサインインが切れました。もう一度サインインしてください。",
    ),
    (
        "room.session_note",
        "この回は{time}までです。終わると、ここで話したことはすべて消えます。",
    ),
    (
        "entry.word.hint",
        "この部屋には、案内のときにお伝えした合言葉が必要です。",
    ),
    (
        "error.entry_word_refused",
        "合言葉が違うか、この部屋には入れません。案内された合言葉をもう一度お確かめください。",
    ),
    ("audience.programme", "本人向け・ピアスタッフと一緒に"),
    ("entry.title", "「{room}」に入る"),
    ("entry.handle.label", "ここでの名前（ハンドル）"),
    (
        "entry.handle.hint",
        "本名は使わないでください。20文字まで。",
    ),
    ("entry.handle.another", "ほかの名前にする"),
    (
        "entry.role.label",
        "どんな立場で来ましたか（答えなくても大丈夫です）",
    ),
    ("entry.listen.label", "聞くだけで参加する（無言）"),
    (
        "entry.listen.hint",
        "書かなくても大丈夫です。ほかの人には人数だけが見えます。",
    ),
    ("entry.submit", "入室する"),
    ("entry.back", "一覧にもどる"),
    ("role.none", "答えない"),
    ("role.person", "本人"),
    ("role.family", "家族"),
    ("role.supporter", "支援者"),
    ("room.present", "いま{n}人がいます"),
    ("room.leave", "退室する"),
    ("room.composer.label", "メッセージ"),
    ("room.composer.hint", "Enterで送信、Shift+Enterで改行"),
    ("room.send", "送る"),
    (
        "room.listening",
        "聞くだけで参加しています。書きたくなったら、いつでもどうぞ。",
    ),
    ("room.start_talking", "書いてみる"),
    ("room.stop_talking", "聞くだけにする"),
    ("room.you", "あなた"),
    (
        "room.empty",
        "まだ誰も話していません。ゆっくりしていってください。",
    ),
    ("room.pending", "送信待ち"),
    ("room.failed", "送れませんでした"),
    ("room.dismiss", "消す"),
    (
        "room.memory_note",
        "ここには最近の会話だけが残り、あなたが誰かとは結びつきません。",
    ),
    ("room.messages_label", "会話"),
    ("room.react", "{reaction}で反応する"),
    ("room.announce", "{handle}：{text}"),
    ("reaction.nod", "うん（うなずき）"),
    ("reaction.thumbs_up", "いいね"),
    ("reaction.pray", "ありがとう"),
    ("reaction.tea", "お茶"),
    ("link.connecting", "つないでいます…"),
    (
        "link.reconnecting",
        "接続が切れました。もう一度つないでいます…書いたメッセージは、つながったら送ります。",
    ),
    (
        "link.replaced",
        "このセッションは、別のタブで開かれています。",
    ),
    ("link.take_back", "このタブで続ける"),
    (
        "link.new_session",
        "サーバーが再起動したため、新しいセッションで入りなおしました。",
    ),
    ("exit.button", "すぐに閉じる"),
    ("exit.hint", "Escキーを2回押しても閉じます。"),
    ("settings.title", "表示の設定"),
    ("settings.language", "言語 / Language"),
    ("settings.text_size", "文字の大きさ"),
    ("settings.neutral_title", "タブの名前を目立たないものにする"),
    ("size.normal", "ふつう"),
    ("size.large", "大きい"),
    ("size.larger", "とても大きい"),
    ("neutral.title", "メモ"),
    (
        "error.bad_request",
        "うまく送れませんでした。ページを読み込みなおしてください。",
    ),
    (
        "error.too_long",
        "メッセージが長すぎます。1000文字までにしてください。",
    ),
    (
        "error.rate_limited",
        "少し間をあけてください。すぐにまた送れます。",
    ),
    (
        "error.room_full",
        "この部屋はいまいっぱいです。少し時間をおいて、また来てください。",
    ),
    ("error.room_closed", "この部屋はいまは開いていません。"),
    ("error.no_such_room", "その部屋は見つかりませんでした。"),
    ("error.not_in_room", "この部屋にはまだ入っていません。"),
    (
        "error.handle_taken",
        "この名前は部屋の中ですでに使われています。別の名前にしてください。",
    ),
    (
        "error.handle_invalid",
        "この名前は使えません。見えない文字や、スタッフと間違えられる名前は使えません。",
    ),
    (
        "error.unavailable",
        "ただいま混み合っています。少し待ってから、もう一度お試しください。",
    ),
    (
        "error.audience_mismatch",
        "ご本人の部屋とご家族の部屋は分かれています。入るときに「本人」か「家族」を選ぶと、その方のための部屋に入れます。",
    ),
    (
        "notice.degraded",
        "ただいま一時的に不安定です。読むことはできますが、書いたものは回復してから送られます。",
    ),
    ("notice.restored", "元に戻りました。"),
    (
        "room.closing",
        "この回は{time}に終わります。終わると、ここで話したことはすべて消えます。",
    ),
    (
        "room.closed",
        "この回は終わりました。話したことはすべて消えました。また次の回にどうぞ。",
    ),
    (
        "error.no_such_message",
        "そのメッセージはもう見つかりません。",
    ),
    (
        "error.blocked",
        "この言葉はこの場所では送れないことになっています。言い方を変えてもらえますか。",
    ),
    (
        "error.personal_info",
        "電話番号や連絡先のように見えます。送るとあなたが特定されるかもしれません。",
    ),
    (
        "error.repeated",
        "同じ言葉が続いています。少し時間をおいてから送ってください。",
    ),
    (
        "error.muted",
        "いまはこの部屋で書き込めません。読むこととリアクションはできます。",
    ),
    (
        "error.removed",
        "ファシリテーターの判断で、この部屋には入れません。ほかの部屋は使えます。",
    ),
    (
        "error.slow_mode",
        "いまはゆっくり話す時間です。少し間をあけてから送ってください。",
    ),
    (
        "error.locked",
        "いまは聞くだけの時間です。リアクションはできます。",
    ),
    ("error.no_such_report", "その報告は見つかりませんでした。"),
    (
        "error.no_such_escalation",
        "その相談の依頼は見つかりませんでした。",
    ),
    ("counsel.ask", "相談員と話す"),
    (
        "counsel.ask_hint",
        "専門の相談員と1対1で話せます。ここで書いたことは、あなたが選んだもの以外は伝わりません。",
    ),
    ("counsel.waiting.title", "相談員を待っています"),
    ("counsel.waiting.position", "あなたは{n}番目です。"),
    (
        "counsel.waiting.on_duty",
        "いま相談を受けている相談員: {n}人",
    ),
    ("counsel.waiting.estimate", "目安: あと{n}分ほど"),
    (
        "counsel.waiting.listen",
        "待っている間も、部屋で聞いたり話したりしていて大丈夫です。",
    ),
    (
        "counsel.waiting.handed_over",
        "別の相談員に引き継いでいます。少しだけお待ちください。",
    ),
    ("counsel.no_counselor", "いまは相談員がいません"),
    (
        "counsel.no_counselor.body",
        "依頼はこのまま残ります。相談員が来たらお知らせします。急ぐときは、下の窓口にも連絡できます。",
    ),
    (
        "counsel.next_on_duty",
        "相談員が次に来るのは {time} です。依頼はこのまま残り、来たらお知らせします。",
    ),
    ("counsel.cancel", "依頼を取り消す"),
    ("counsel.connected", "相談員とつながりました。"),
    ("counsel.open_room", "相談員との部屋へ"),
    ("counsel.room_title", "相談員との部屋"),
    ("counsel.end", "相談を終える"),
    (
        "counsel.ended",
        "相談を終えました。話してくれてありがとうございました。",
    ),
    (
        "counsel.cancelled",
        "依頼を取り消しました。またいつでも相談できます。",
    ),
    (
        "counsel.declined",
        "今回は見送りました。またいつでも相談できます。",
    ),
    ("counsel.dismiss", "閉じる"),
    ("consent.title", "相談員と話してみませんか"),
    (
        "consent.body",
        "ファシリテーターが、相談員と話すことを提案しています。相談員に伝わるのは、下に残したメッセージだけです。全部外してもかまいません。断っても、ほかの人には伝わりません。",
    ),
    ("consent.remove", "外す"),
    ("consent.removed", "（外しました）"),
    ("consent.nothing", "何も共有しません。"),
    ("consent.accept", "相談員と話す"),
    ("consent.decline", "今回はやめておく"),
    ("console.open", "相談員コンソール"),
    ("console.title", "相談員コンソール"),
    ("console.duty_on", "受付を始める"),
    ("console.duty_off", "受付を終える"),
    ("console.on_duty", "相談を受け付けています。"),
    ("console.off_duty", "いまは受け付けていません。"),
    ("console.queue", "待っている依頼"),
    ("console.queue_empty", "いまは待っている人はいません。"),
    ("console.waited", "{n}分待ち"),
    ("console.urgency.urgent", "緊急"),
    ("console.urgency.normal", "通常"),
    ("console.from.participant", "本人から"),
    ("console.from.facilitator", "ファシリテーターから"),
    ("console.from.crisis", "危機の言葉のあとで"),
    ("console.lobby", "ロビーから"),
    ("console.claim", "対応する"),
    (
        "console.urgent",
        "緊急: 「{room}」で相談員が必要かもしれません（同意の前です）。",
    ),
    ("console.go_to_room", "部屋へ行く"),
    ("console.mute", "音を消す"),
    ("console.unmute", "音を出す"),
    ("console.cases", "対応中の相談"),
    ("console.case_handle", "相手: {handle}"),
    ("console.excerpt", "本人が共有したメッセージ"),
    ("console.excerpt_none", "共有されたメッセージはありません。"),
    ("console.chat", "1対1の部屋を開く"),
    ("console.hand_over", "ほかの相談員に引き継ぐ"),
    ("console.outcome", "結果"),
    ("console.end", "相談を終える"),
    ("console.back", "ロビーへ"),
    ("outcome.talked", "話ができた"),
    ("outcome.referred", "別の窓口を紹介した"),
    ("outcome.no_contact", "連絡がとれなかった"),
    ("outcome.other", "その他"),
    ("mod.escalate", "相談員につなぐ"),
    ("mod.escalate_urgent", "急いで相談員につなぐ"),
    ("escalation.title", "相談員へのつなぎ"),
    ("escalation.asked", "{handle}: 本人の返事を待っています"),
    ("escalation.queued", "{handle}: 相談員を待っています"),
    ("escalation.not_going_ahead", "{handle}: 今回は進みません"),
    (
        "escalation.with_counselor",
        "{handle}: 相談員と話しています",
    ),
    ("escalation.ended", "{handle}: 終わりました"),
    ("room.deleted", "ファシリテーターがこの発言を取り消しました"),
    ("room.topic", "いまのテーマ: {topic}"),
    (
        "room.locked",
        "いまは聞くだけの時間です。リアクションはできます。",
    ),
    (
        "room.unattended",
        "いまはスタッフがいないので、聞くだけの時間です。スタッフが来ると話せるようになります。",
    ),
    ("room.slow_mode", "ゆっくり話す時間です（{n}秒に1回まで）。"),
    (
        "sanction.muted",
        "しばらくの間、この部屋では書き込めません（{time}まで）。読むこととリアクションはできます。",
    ),
    ("sanction.unmuted", "また書き込めるようになりました。"),
    (
        "sanction.removed",
        "ファシリテーターの判断で、この部屋から退室となりました。ほかの部屋は使えます。",
    ),
    ("report.open", "報告する"),
    ("report.title", "この発言をスタッフに報告する"),
    ("report.reason", "理由"),
    ("report.reason.harassment", "いやがらせ・こわい言葉"),
    ("report.reason.personal_info", "個人情報"),
    ("report.reason.spam", "宣伝・勧誘"),
    ("report.reason.self_harm", "自分を傷つけそうで心配"),
    ("report.reason.other", "その他"),
    ("report.note", "ひとこと（なくてもかまいません）"),
    ("report.send", "報告を送る"),
    ("report.cancel", "やめる"),
    (
        "report.received",
        "報告を受け付けました。スタッフが確認します。あなたの名前は誰にも伝わりません。",
    ),
    (
        "report.outcome.message_deleted",
        "報告した発言は取り消されました。",
    ),
    (
        "report.outcome.muted",
        "報告した人は、しばらく書き込めなくなりました。",
    ),
    ("report.outcome.removed", "報告した人は退室となりました。"),
    (
        "report.outcome.no_action",
        "報告を確認しました。今回は対応の必要はないと判断しました。",
    ),
    ("hide.person", "この人の発言を表示しない"),
    (
        "hide.hidden",
        "{handle} さんの発言{n}件を表示していません（この端末だけ）",
    ),
    ("hide.show", "表示する"),
    (
        "pi.title",
        "電話番号や連絡先のように見えます。送るとあなたが特定されるかもしれません。",
    ),
    ("pi.send", "このまま送る"),
    ("pi.edit", "書き直す"),
    ("support.title", "話してくれてありがとう"),
    (
        "support.body",
        "つらい気持ちを聞いてくれる窓口があります。このお知らせは、あなたにだけ表示されています。",
    ),
    ("support.open", "いま開いています"),
    ("support.closed", "いまは受付時間外です"),
    ("support.close", "閉じる"),
    ("mod.menu", "スタッフの操作"),
    ("mod.delete", "取り消す"),
    ("mod.mute", "10分ミュート"),
    ("mod.remove", "退室してもらう"),
    ("mod.report_details", "報告の詳細"),
    ("mod.controls", "部屋の見守り"),
    ("mod.lock", "書き込みを止める"),
    ("mod.unlock", "書き込みを再開する"),
    ("mod.slow", "ゆっくりモード（30秒）"),
    ("mod.slow_off", "ゆっくりモードを終える"),
    ("mod.topic", "テーマ"),
    ("mod.topic_set", "テーマを設定"),
    ("mod.close", "いま終える"),
    ("desk.title", "アラートと報告"),
    ("desk.empty", "いまはありません。"),
    ("desk.alert.flagged", "注意が必要かもしれない発言（{rule}）"),
    ("desk.alert.trial", "試験中のルールに当たった発言（{rule}）"),
    (
        "desk.alert.crisis",
        "つらさを書いた発言です。本人にだけ相談先を表示しました。",
    ),
    ("desk.report", "報告: {reason}"),
    ("desk.note", "ひとこと: {note}"),
    ("desk.dismiss", "確認した"),
    ("desk.resolve.message_deleted", "発言を取り消した"),
    ("desk.resolve.muted", "ミュートした"),
    ("desk.resolve.removed", "退室してもらった"),
    ("desk.resolve.no_action", "対応なし"),
    ("audit.open", "監査ログ"),
    ("audit.title", "監査ログ（90日分）"),
    ("audit.loading", "読み込んでいます…"),
    (
        "audit.failed",
        "読み込めませんでした。管理者としてサインインしているか確かめてください。",
    ),
    ("audit.empty", "記録はありません。"),
    ("audit.at", "日時"),
    ("audit.actor", "誰が"),
    ("audit.action", "操作"),
    ("audit.room", "部屋"),
    ("audit.target", "対象"),
    ("audit.reason", "理由"),
    (
        "staff.signed_out",
        "スタッフのアカウントが変更されたため、サインアウトしました。もう一度サインインしてください。",
    ),
    // Asking first.
    ("ask.cancel", "やめる"),
    ("ask.delete.title", "この発言を取り消しますか？"),
    (
        "ask.delete.body",
        "みんなの画面から消えます。誰が取り消したかは表示されません。元には戻せません。",
    ),
    ("ask.delete.do", "取り消す"),
    ("ask.mute.title", "{handle}さんを10分ミュートしますか？"),
    (
        "ask.mute.body",
        "10分のあいだ書き込めなくなります（聞くことと反応はできます）。本人にだけ伝わり、あとから取り消せます。",
    ),
    ("ask.mute.do", "10分ミュートする"),
    ("ask.remove.title", "{handle}さんに退室してもらいますか？"),
    (
        "ask.remove.body",
        "すぐに部屋から出てもらい、この回が終わるまで（いつも開いている部屋では24時間）入れなくなります。元には戻せません。",
    ),
    ("ask.remove.do", "退室してもらう"),
    ("ask.escalate.title", "{handle}さんに相談員をすすめますか？"),
    (
        "ask.escalate.body",
        "本人にまず確かめます。共有するメッセージは本人が選べて、断ることもできます。",
    ),
    ("ask.escalate.do", "本人に確かめる"),
    ("ask.close.title", "この回をいま終えますか？"),
    (
        "ask.close.body",
        "全員が部屋から出て、ここで話したことはすべて消えます。元には戻せません。",
    ),
    ("ask.close.do", "いま終える"),
    ("ask.counselor.title", "相談員と話しますか？"),
    (
        "ask.counselor.body",
        "専門の相談員と1対1で話せます。登録はいらず、ここでの名前のままです。待っている間も、部屋で聞いたり話したりできます。いつでも取り消せます。",
    ),
    ("ask.counselor.do", "相談員を呼ぶ"),
    ("ask.end_conversation.title", "相談を終えますか？"),
    (
        "ask.end_conversation.body",
        "相談員との部屋は閉じて、そこでの話は消えます。また話したくなったら、いつでも呼べます。",
    ),
    ("ask.end_conversation.do", "相談を終える"),
    ("ask.end_case.title", "相談を終えますか？"),
    (
        "ask.end_case.body",
        "結果「{outcome}」として終えます。1対1の部屋は閉じて、そこでの話は消えます。",
    ),
    ("ask.end_case.do", "相談を終える"),
    ("ask.hand_over.title", "ほかの相談員に引き継ぎますか？"),
    (
        "ask.hand_over.body",
        "1対1の部屋は閉じて、本人はいちばん前でもう一度待つことになります。共有されたメッセージは次の相談員に伝わります。",
    ),
    ("ask.hand_over.do", "引き継ぐ"),
    (
        "ask.dismiss_alert.title",
        "このアラートを確認済みにしますか？",
    ),
    (
        "ask.dismiss_alert.body",
        "この部屋のスタッフ全員の画面から消えます。あとから入るスタッフにも表示されません。",
    ),
    ("ask.dismiss_alert.do", "確認済みにする"),
    // A message's menu, a room's menu.
    ("menu.open", "{handle}さんの発言のメニュー"),
    ("menu.title", "{handle}さんの発言"),
    ("menu.read_aloud", "読み上げる"),
    ("menu.react", "反応する"),
    ("menu.close", "閉じる"),
    ("room.menu", "メニュー"),
    ("room.info_label", "この部屋のいま"),
    (
        "entry.audience_in_session",
        "ご本人の部屋とご家族の部屋は分かれています。この部屋に入るには、いまいる部屋をすべて出てから、入るときに「家族」か「本人」を選び直してください。",
    ),
    ("room.back", "ロビーへ（部屋にはいたまま）"),
    ("room.new_messages", "新しいメッセージ（{n}）"),
    (
        "report.private",
        "報告はこの部屋のスタッフにだけ届きます。あなたが報告したことは誰にも伝わりません。",
    ),
    // What a facilitator just did, and who is muted.
    ("staff.panel", "ファシリテーターの操作"),
    ("done.deleted", "発言を取り消しました。"),
    ("done.muted", "{handle}さんを10分ミュートしました。"),
    ("done.unmuted", "{handle}さんのミュートを取り消しました。"),
    ("done.removed", "{handle}さんに退室してもらいました。"),
    ("done.undo", "取り消す"),
    ("done.close", "閉じる"),
    ("muted.title", "ミュート中の人"),
    ("muted.until", "{handle}さん（{time}まで）"),
    ("muted.lift", "ミュートを解く"),
    ("desk.waiting", "{n}件"),
    ("desk.writer", "{handle}さん:"),
    ("desk.show_message", "発言を見る"),
    ("desk.message_gone", "発言はもう表示されていません"),
    // Talking with a counselor.
    ("counsel.write_here", "ここで書く"),
    (
        "counsel.no_counselor.lines",
        "急ぐときは、こちらにも相談できます。",
    ),
    (
        "counsel.parting",
        "またいつでも来てください。話したくなったら、いつでも相談員を呼べます。",
    ),
    ("counsel.parting.lines", "相談できる窓口"),
    ("support.more_lines", "ほかの窓口"),
    ("console.back_to_console", "相談員コンソールへ"),
    ("console.outcome_choose", "選んでください"),
    ("console.outcome_recorded", "結果を記録しました。"),
    ("console.person_gone", "（退室した方）"),
    (
        "console.person_left",
        "{handle}さんが相談を終えました。結果を記録してください。",
    ),
    ("console.record", "結果を記録する"),
    ("console.urgent_waiting", "緊急の依頼が待っています。"),
    // Display.
    ("settings.theme", "画面の明るさ"),
    ("theme.auto", "端末に合わせる"),
    ("theme.light", "明るい"),
    ("theme.dark", "暗い"),
    ("neutral.title_new", "メモ（1）"),
    // 「開いたら知らせる」.
    ("watch.ask", "開いたら知らせる"),
    ("watch.on", "開いたら知らせます（やめる）"),
    (
        "watch.hint",
        "このタブを開いている間だけ、部屋が開いたらここでお知らせします。何も保存しません。",
    ),
    ("watch.calendar", "カレンダーに入れる（.ics）"),
    ("watch.opened", "「{room}」が開きました。"),
    ("watch.tab_title", "（開きました）{title}"),
    ("when.today", "今日 {time}"),
    ("when.tomorrow", "明日 {time}"),
    ("when.day", "{date} {time}"),
    ("when.with_left", "{when}（{left}）"),
    // The audit log, in words.
    ("audit.actor.system", "自動の見守り"),
    ("audit.actor.participant", "参加者"),
    ("audit.actor.facilitator", "ファシリテーター"),
    ("audit.actor.counselor", "相談員"),
    ("audit.actor.admin", "管理者"),
    ("audit.action.sign_in", "サインイン"),
    ("audit.action.delete", "発言の取り消し"),
    ("audit.action.mute", "ミュート"),
    ("audit.action.unmute", "ミュートの解除"),
    ("audit.action.remove", "退室してもらう"),
    ("audit.action.slow_mode", "ゆっくりモード"),
    ("audit.action.lock", "書き込みを止める"),
    ("audit.action.unlock", "書き込みの再開"),
    ("audit.action.topic", "テーマの設定"),
    ("audit.action.close", "回をいま終える"),
    ("audit.action.report", "報告"),
    ("audit.action.resolve_report", "報告への対応"),
    ("audit.action.dismiss_alert", "アラートの確認"),
    ("audit.action.block", "自動で止めた発言"),
    ("audit.action.flag", "自動の注意"),
    ("audit.action.trial", "試験中のルール"),
    ("audit.action.crisis", "つらさの言葉"),
    ("audit.action.escalate", "相談員へのすすめ"),
    ("audit.action.claim", "相談の受付"),
    ("audit.action.hand_over", "相談の引き継ぎ"),
    ("audit.action.end_case", "相談の終了"),
    ("audit.reason.message_deleted", "発言を取り消した"),
    ("audit.reason.muted", "ミュートした"),
    ("audit.reason.removed", "退室してもらった"),
    ("audit.reason.no_action", "対応なし"),
    ("audit.reason.crisis", "つらさの言葉"),
    ("audit.reason.abuse", "ひどい言葉"),
    ("audit.reason.discrimination", "差別"),
    ("audit.reason.sexual", "性的な内容"),
    ("audit.reason.contact", "連絡先の交換"),
    ("audit.reason.solicitation", "勧誘"),
    ("audit.reason.medication", "薬"),
    ("audit.reason.dismissive", "突き放す言葉"),
];

/// English.
const EN: &[(&str, &str)] = &[
    ("app.name", "Ibasho"),
    ("app.tagline", "an online place to be"),
    ("app.loading", "Loading…"),
    ("app.skip", "Skip to content"),
    ("lobby.welcome.title", "Welcome"),
    (
        "lobby.welcome.body",
        "This is an online place to be for people who have withdrawn from society, and for their families, without giving your name. There is no registration. Your handle here is not linked to anything. What is said here disappears when the session ends. You can talk, or just listen.",
    ),
    ("lobby.open_now", "Open now"),
    ("lobby.closed_now", "Closed for now"),
    ("lobby.none_open", "No room is open right now."),
    ("lobby.present", "{n} here now"),
    ("lobby.capacity", "up to {n}"),
    ("lobby.enter", "Enter"),
    ("lobby.full", "Full"),
    ("lobby.closed", "Closed"),
    ("lobby.until", "Until {time}"),
    ("lobby.loading", "Loading the rooms…"),
    (
        "lobby.load_failed",
        "The rooms could not be loaded. Please try again in a moment.",
    ),
    ("lobby.retry", "Try again"),
    ("lobby.for", "For"),
    ("lobby.rooms_label", "Rooms"),
    ("kind.themed", "Themed room"),
    ("kind.family", "Family group"),
    ("kind.programme", "Peer programme"),
    ("audience.themed", "the people themselves"),
    ("audience.family", "families"),
    ("audience.anyone", "anyone"),
    ("entry.word.label", "Entry word"),
    ("week.open", "See this week's sessions"),
    ("week.title", "The week ahead"),
    (
        "week.none",
        "No sessions are planned this week. Some rooms are always open.",
    ),
    (
        "week.failed",
        "The schedule could not be loaded. Please try again in a moment.",
    ),
    ("week.calendar", "Add to your calendar (.ics)"),
    (
        "week.calendar_hint",
        "Put the sessions in your phone's calendar. No sign-up, and nothing about you is sent.",
    ),
    ("programme.age_band", "Meant for: {band}"),
    ("programme.facilitators", "Peer staff: {names}"),
    ("programme.now", "Now: {segment}"),
    ("programme.agenda", "This session's parts"),
    (
        "error.staff_login_refused",
        "The staff name or the password is not right.",
    ),
    ("error.forbidden", "Only staff can do this."),
    (
        "error.not_your_turn",
        "People are taking turns now. You can speak when your turn comes; reactions work any time.",
    ),
    (
        "error.not_now",
        "That cannot be done now (a room opens at most 15 minutes early and stays at most 15 minutes late).",
    ),
    (
        "round.your_turn",
        "It is your turn. You may speak, or pass.",
    ),
    (
        "round.yours",
        "It is your turn ({turn} of {turns}). You may speak, or pass.",
    ),
    ("round.theirs", "It is {handle}'s turn ({turn} of {turns})."),
    (
        "round.wait",
        "You can speak when your turn comes; reactions work any time.",
    ),
    ("round.pass", "Pass"),
    ("facilitate.label", "Facilitator controls"),
    ("facilitate.extend", "Keep open 5 more minutes"),
    ("facilitate.previous", "Previous part"),
    ("facilitate.next", "Next part"),
    ("facilitate.start_round", "Take turns (start a round)"),
    ("facilitate.next_turn", "Next person"),
    ("facilitate.end_round", "End the round"),
    ("facilitate.open_early", "Open early and go in"),
    ("staff.open", "For staff"),
    ("staff.title", "Staff sign-in"),
    (
        "staff.body",
        "This is the way in for facilitators and counselors. Participants never need to sign in.",
    ),
    ("staff.name", "Staff name"),
    ("staff.password", "Password"),
    ("staff.submit", "Sign in"),
    ("staff.signed_in", "Signed in as {handle}."),
    ("staff.sign_out", "Sign out"),
    ("countdown.now", "soon"),
    ("lobby.next_open_left", "Opens {when} ({left})"),
    ("countdown.minutes", "in {m} min"),
    ("countdown.hours", "in {h} h"),
    ("countdown.hours_minutes", "in {h} h {m} min"),
    ("countdown.days", "in {d} day(s)"),
    (
        "lobby.next_up",
        "Next to open: “{room}”, at {when} ({left})",
    ),
    (
        "staff.expired",
        "Your staff sign-in has ended. Please sign in again.",
    ),
    (
        "room.session_note",
        "This session lasts until {time}. When it ends, everything said here is erased.",
    ),
    (
        "entry.word.hint",
        "This room needs the entry word you were given by the organisers.",
    ),
    (
        "error.entry_word_refused",
        "The entry word is not right, or this room cannot be entered. Please check the word you were given.",
    ),
    (
        "audience.programme",
        "the people themselves, with peer staff",
    ),
    ("entry.title", "Enter “{room}”"),
    ("entry.handle.label", "Your name here (handle)"),
    (
        "entry.handle.hint",
        "Please do not use your real name. Up to 20 characters.",
    ),
    ("entry.handle.another", "Another one"),
    (
        "entry.role.label",
        "You are here as (you don't have to say)",
    ),
    ("entry.listen.label", "Just listen (without writing)"),
    (
        "entry.listen.hint",
        "You don't have to write. Others only see how many people are here.",
    ),
    ("entry.submit", "Enter the room"),
    ("entry.back", "Back to the rooms"),
    ("role.none", "Rather not say"),
    ("role.person", "Myself"),
    ("role.family", "Family"),
    ("role.supporter", "Supporter"),
    ("room.present", "{n} here now"),
    ("room.leave", "Leave"),
    ("room.composer.label", "Message"),
    (
        "room.composer.hint",
        "Enter sends, Shift+Enter starts a new line",
    ),
    ("room.send", "Send"),
    (
        "room.listening",
        "You are listening. Write whenever you like.",
    ),
    ("room.start_talking", "Write something"),
    ("room.stop_talking", "Just listen"),
    ("room.you", "you"),
    (
        "room.empty",
        "Nobody has said anything yet. Take your time.",
    ),
    ("room.pending", "waiting to send"),
    ("room.failed", "not sent"),
    ("room.dismiss", "Remove"),
    (
        "room.memory_note",
        "Only recent messages are kept here, and nothing links them to who you are.",
    ),
    ("room.messages_label", "Conversation"),
    ("room.react", "React with {reaction}"),
    ("room.announce", "{handle}: {text}"),
    ("reaction.nod", "うん (nod)"),
    ("reaction.thumbs_up", "Thumbs up"),
    ("reaction.pray", "Thank you"),
    ("reaction.tea", "Tea"),
    ("link.connecting", "Connecting…"),
    (
        "link.reconnecting",
        "The connection was lost. Reconnecting… Anything you write will be sent once we are back.",
    ),
    ("link.replaced", "This session is open in another tab."),
    ("link.take_back", "Continue in this tab"),
    (
        "link.new_session",
        "The server restarted, so you are back in with a new session.",
    ),
    ("exit.button", "Quick exit"),
    ("exit.hint", "Pressing Esc twice also leaves."),
    ("settings.title", "Display settings"),
    ("settings.language", "言語 / Language"),
    ("settings.text_size", "Text size"),
    ("settings.neutral_title", "Use a neutral tab title"),
    ("size.normal", "Normal"),
    ("size.large", "Large"),
    ("size.larger", "Larger"),
    ("neutral.title", "Notes"),
    (
        "error.bad_request",
        "Something went wrong sending that. Please reload the page.",
    ),
    (
        "error.too_long",
        "That message is too long. Please keep it to 1000 characters.",
    ),
    (
        "error.rate_limited",
        "Please slow down a little. You can send again in a moment.",
    ),
    (
        "error.room_full",
        "This room is full right now. Please come back a little later.",
    ),
    ("error.room_closed", "This room is not open right now."),
    ("error.no_such_room", "That room could not be found."),
    ("error.not_in_room", "You have not joined this room yet."),
    (
        "error.handle_taken",
        "Someone in this room already uses that name. Please choose another one.",
    ),
    (
        "error.handle_invalid",
        "That name cannot be used: no invisible characters, and nothing that could be taken for staff.",
    ),
    (
        "error.unavailable",
        "The service is busy. Please try again in a moment.",
    ),
    (
        "error.audience_mismatch",
        "Rooms for the people themselves and for families are kept apart: choose “Myself” or “Family” when you enter to come into the rooms meant for you.",
    ),
    (
        "notice.degraded",
        "The service is unsteady for a moment. You can read; what you write is sent once it recovers.",
    ),
    ("notice.restored", "Everything works again."),
    (
        "room.closing",
        "This session ends at {time}. When it ends, everything said here is erased.",
    ),
    (
        "room.closed",
        "This session has ended, and everything said in it is erased. See you next time.",
    ),
    ("error.no_such_message", "That message is no longer here."),
    (
        "error.blocked",
        "Words like these cannot be sent here. Could you say it another way?",
    ),
    (
        "error.personal_info",
        "This looks like a phone number or contact details. Sending it could let others find out who you are.",
    ),
    (
        "error.repeated",
        "You have sent the same words several times. Please wait a little.",
    ),
    (
        "error.muted",
        "You cannot write in this room for a while. You can still read and react.",
    ),
    (
        "error.removed",
        "A facilitator asked you to leave this room. Other rooms are still open to you.",
    ),
    (
        "error.slow_mode",
        "The room is taking it slowly. Please wait a little before sending again.",
    ),
    (
        "error.locked",
        "The room is listen-only right now. You can still react.",
    ),
    ("error.no_such_report", "That report could not be found."),
    (
        "error.no_such_escalation",
        "That request to talk with a counselor could not be found.",
    ),
    ("counsel.ask", "Talk with a counselor"),
    (
        "counsel.ask_hint",
        "You can talk one-to-one with a professional counselor. Nothing you wrote here is passed on unless you choose it.",
    ),
    ("counsel.waiting.title", "Waiting for a counselor"),
    ("counsel.waiting.position", "You are number {n} in line."),
    (
        "counsel.waiting.on_duty",
        "Counselors taking requests now: {n}",
    ),
    ("counsel.waiting.estimate", "About {n} minutes"),
    (
        "counsel.waiting.listen",
        "While you wait, you can keep listening and talking in the room.",
    ),
    (
        "counsel.waiting.handed_over",
        "Another counselor will take over. Just a moment, please.",
    ),
    ("counsel.no_counselor", "No counselor is on duty right now"),
    (
        "counsel.no_counselor.body",
        "Your request stays. We will let you know when a counselor comes. If it cannot wait, the lines below can help too.",
    ),
    (
        "counsel.next_on_duty",
        "A counselor is next here {time}. Your request stays, and you will be told when one comes.",
    ),
    ("counsel.cancel", "Cancel the request"),
    ("counsel.connected", "You are with a counselor now."),
    ("counsel.open_room", "Go to the counselor's room"),
    ("counsel.room_title", "With a counselor"),
    ("counsel.end", "End the conversation"),
    (
        "counsel.ended",
        "The conversation has ended. Thank you for talking.",
    ),
    (
        "counsel.cancelled",
        "Your request was cancelled. You can ask again any time.",
    ),
    (
        "counsel.declined",
        "Not this time. You can ask again any time.",
    ),
    ("counsel.dismiss", "Close"),
    ("consent.title", "Would you like to talk with a counselor?"),
    (
        "consent.body",
        "A facilitator suggests talking with a counselor. Only the messages you keep below are passed on; you may remove them all. If you say no, nobody else is told.",
    ),
    ("consent.remove", "Remove"),
    ("consent.removed", "(removed)"),
    ("consent.nothing", "Nothing will be shared."),
    ("consent.accept", "Talk with a counselor"),
    ("consent.decline", "Not this time"),
    ("console.open", "Counselor console"),
    ("console.title", "Counselor console"),
    ("console.duty_on", "Start taking requests"),
    ("console.duty_off", "Stop taking requests"),
    ("console.on_duty", "You are taking requests."),
    ("console.off_duty", "You are not taking requests now."),
    ("console.queue", "Waiting requests"),
    ("console.queue_empty", "Nobody is waiting right now."),
    ("console.waited", "waiting {n} min"),
    ("console.urgency.urgent", "Urgent"),
    ("console.urgency.normal", "Normal"),
    ("console.from.participant", "Asked by the person"),
    ("console.from.facilitator", "From a facilitator"),
    ("console.from.crisis", "After crisis words"),
    ("console.lobby", "From the lobby"),
    ("console.claim", "Take it"),
    (
        "console.urgent",
        "Urgent: someone in \u{201c}{room}\u{201d} may need a counselor (before consent).",
    ),
    ("console.go_to_room", "Go to the room"),
    ("console.mute", "Mute the sound"),
    ("console.unmute", "Unmute the sound"),
    ("console.cases", "Your cases"),
    ("console.case_handle", "With: {handle}"),
    ("console.excerpt", "What the person shared"),
    ("console.excerpt_none", "Nothing was shared."),
    ("console.chat", "Open the one-to-one room"),
    ("console.hand_over", "Hand over to another counselor"),
    ("console.outcome", "Outcome"),
    ("console.end", "End the case"),
    ("console.back", "To the lobby"),
    ("outcome.talked", "We talked"),
    ("outcome.referred", "Referred elsewhere"),
    ("outcome.no_contact", "No contact"),
    ("outcome.other", "Other"),
    ("mod.escalate", "Connect to a counselor"),
    ("mod.escalate_urgent", "Connect to a counselor urgently"),
    ("escalation.title", "Connections to a counselor"),
    ("escalation.asked", "{handle}: waiting for their answer"),
    ("escalation.queued", "{handle}: waiting for a counselor"),
    ("escalation.not_going_ahead", "{handle}: not going ahead"),
    ("escalation.with_counselor", "{handle}: with a counselor"),
    ("escalation.ended", "{handle}: ended"),
    ("room.deleted", "A facilitator took this message down"),
    ("room.topic", "Topic now: {topic}"),
    (
        "room.locked",
        "The room is listen-only right now. You can still react.",
    ),
    (
        "room.unattended",
        "No staff member is here, so the room is listen-only. You can talk once one comes in.",
    ),
    (
        "room.slow_mode",
        "Taking it slowly: one message every {n} seconds.",
    ),
    (
        "sanction.muted",
        "You cannot write in this room for a while (until {time}). You can still read and react.",
    ),
    ("sanction.unmuted", "You can write again."),
    (
        "sanction.removed",
        "A facilitator asked you to leave this room. Other rooms are still open to you.",
    ),
    ("report.open", "Report"),
    ("report.title", "Report this message to the staff"),
    ("report.reason", "Reason"),
    (
        "report.reason.harassment",
        "Harassment or frightening words",
    ),
    ("report.reason.personal_info", "Personal information"),
    ("report.reason.spam", "Advertising or recruiting"),
    (
        "report.reason.self_harm",
        "Worried they may hurt themselves",
    ),
    ("report.reason.other", "Something else"),
    ("report.note", "A few words (optional)"),
    ("report.send", "Send the report"),
    ("report.cancel", "Cancel"),
    (
        "report.received",
        "Thank you: the staff will look at it. Your name is not passed on to anyone.",
    ),
    (
        "report.outcome.message_deleted",
        "The message you reported was taken down.",
    ),
    (
        "report.outcome.muted",
        "The person you reported cannot write for a while.",
    ),
    (
        "report.outcome.removed",
        "The person you reported was asked to leave.",
    ),
    (
        "report.outcome.no_action",
        "Your report was looked at; no action was needed this time.",
    ),
    ("hide.person", "Hide this person's messages"),
    (
        "hide.hidden",
        "Messages from {handle} are hidden here: {n} (on this device only)",
    ),
    ("hide.show", "Show"),
    (
        "pi.title",
        "This looks like a phone number or contact details. Sending it could let others find out who you are.",
    ),
    ("pi.send", "Send anyway"),
    ("pi.edit", "Edit"),
    ("support.title", "Thank you for telling us"),
    (
        "support.body",
        "There are people you can talk to when things are hard. Only you can see this.",
    ),
    ("support.open", "Open now"),
    ("support.closed", "Closed now"),
    ("support.close", "Close"),
    ("mod.menu", "Staff actions"),
    ("mod.delete", "Take down"),
    ("mod.mute", "Mute 10 min"),
    ("mod.remove", "Ask to leave"),
    ("mod.report_details", "Report details"),
    ("mod.controls", "Looking after the room"),
    ("mod.lock", "Pause writing"),
    ("mod.unlock", "Resume writing"),
    ("mod.slow", "Slow mode (30 s)"),
    ("mod.slow_off", "End slow mode"),
    ("mod.topic", "Topic"),
    ("mod.topic_set", "Set the topic"),
    ("mod.close", "End now"),
    ("desk.title", "Alerts and reports"),
    ("desk.empty", "Nothing right now."),
    (
        "desk.alert.flagged",
        "A message that may need attention ({rule})",
    ),
    (
        "desk.alert.trial",
        "A message that matched a rule on trial ({rule})",
    ),
    (
        "desk.alert.crisis",
        "A message of distress: its writer alone was shown where to get help.",
    ),
    ("desk.report", "Report: {reason}"),
    ("desk.note", "Note: {note}"),
    ("desk.dismiss", "Seen"),
    ("desk.resolve.message_deleted", "Took it down"),
    ("desk.resolve.muted", "Muted"),
    ("desk.resolve.removed", "Asked to leave"),
    ("desk.resolve.no_action", "No action"),
    ("audit.open", "Audit log"),
    ("audit.title", "Audit log (90 days)"),
    ("audit.loading", "Loading…"),
    (
        "audit.failed",
        "Could not load it. Check that you are signed in as an administrator.",
    ),
    ("audit.empty", "Nothing recorded."),
    ("audit.at", "When"),
    ("audit.actor", "Who"),
    ("audit.action", "Action"),
    ("audit.room", "Room"),
    ("audit.target", "Target"),
    ("audit.reason", "Reason"),
    (
        "staff.signed_out",
        "Your staff account was changed, so you were signed out. Please sign in again.",
    ),
    // Asking first.
    ("ask.cancel", "Cancel"),
    ("ask.delete.title", "Take this message down?"),
    (
        "ask.delete.body",
        "It leaves everyone's screen. Nobody is told who took it down. This cannot be undone.",
    ),
    ("ask.delete.do", "Take down"),
    ("ask.mute.title", "Mute {handle} for 10 minutes?"),
    (
        "ask.mute.body",
        "For 10 minutes they cannot write (they can still listen and react). Only they are told, and you can lift it.",
    ),
    ("ask.mute.do", "Mute for 10 minutes"),
    ("ask.remove.title", "Ask {handle} to leave?"),
    (
        "ask.remove.body",
        "They leave the room now and cannot come back until this session ends (24 hours in a room that is always open). This cannot be undone.",
    ),
    ("ask.remove.do", "Ask to leave"),
    ("ask.escalate.title", "Suggest a counselor to {handle}?"),
    (
        "ask.escalate.body",
        "They are asked first: they choose which messages to share, and may say no.",
    ),
    ("ask.escalate.do", "Ask them"),
    ("ask.close.title", "End this session now?"),
    (
        "ask.close.body",
        "Everyone leaves the room, and everything said here is erased. This cannot be undone.",
    ),
    ("ask.close.do", "End now"),
    ("ask.counselor.title", "Talk with a counselor?"),
    (
        "ask.counselor.body",
        "You can talk one-to-one with a professional counselor, under the name you use here, without signing up. While you wait you can keep listening and talking in the room. You can cancel at any time.",
    ),
    ("ask.counselor.do", "Call a counselor"),
    ("ask.end_conversation.title", "End the conversation?"),
    (
        "ask.end_conversation.body",
        "The room with the counselor closes and what was said there is erased. You can call a counselor again whenever you like.",
    ),
    ("ask.end_conversation.do", "End the conversation"),
    ("ask.end_case.title", "End the case?"),
    (
        "ask.end_case.body",
        "It ends with the outcome “{outcome}”. The one-to-one room closes and what was said there is erased.",
    ),
    ("ask.end_case.do", "End the case"),
    (
        "ask.hand_over.title",
        "Hand this over to another counselor?",
    ),
    (
        "ask.hand_over.body",
        "The one-to-one room closes and the person waits again, at the front. What they shared goes to the next counselor.",
    ),
    ("ask.hand_over.do", "Hand over"),
    ("ask.dismiss_alert.title", "Mark this alert as seen to?"),
    (
        "ask.dismiss_alert.body",
        "It leaves the screen of every staff member in this room, and staff who come later will not see it.",
    ),
    ("ask.dismiss_alert.do", "Mark as seen to"),
    // A message's menu, a room's menu.
    ("menu.open", "Menu for {handle}'s message"),
    ("menu.title", "{handle}'s message"),
    ("menu.read_aloud", "Read aloud"),
    ("menu.react", "React"),
    ("menu.close", "Close"),
    ("room.menu", "Menu"),
    ("room.info_label", "This room now"),
    (
        "entry.audience_in_session",
        "Rooms for the people themselves and for families are kept apart. To come into this one, leave the rooms you are in first, then choose “Family” or “Myself” as you enter.",
    ),
    ("room.back", "To the lobby (staying in the room)"),
    ("room.new_messages", "New messages: {n}"),
    (
        "report.private",
        "Only the staff in this room get the report. Nobody is told that you sent it.",
    ),
    // What a facilitator just did, and who is muted.
    ("staff.panel", "Facilitator tools"),
    ("done.deleted", "The message was taken down."),
    ("done.muted", "{handle} is muted for 10 minutes."),
    ("done.unmuted", "{handle} is no longer muted."),
    ("done.removed", "{handle} was asked to leave."),
    ("done.undo", "Undo"),
    ("done.close", "Close"),
    ("muted.title", "Muted now"),
    ("muted.until", "{handle} (until {time})"),
    ("muted.lift", "Lift the mute"),
    ("desk.waiting", "waiting: {n}"),
    ("desk.writer", "{handle}:"),
    ("desk.show_message", "Show the message"),
    ("desk.message_gone", "The message is no longer shown"),
    // Talking with a counselor.
    ("counsel.write_here", "Write here"),
    (
        "counsel.no_counselor.lines",
        "If it cannot wait, you can also talk to:",
    ),
    (
        "counsel.parting",
        "Come back whenever you like. You can call a counselor again at any time.",
    ),
    ("counsel.parting.lines", "Where you can talk"),
    ("support.more_lines", "Other lines"),
    ("console.back_to_console", "To the counselor console"),
    ("console.outcome_choose", "Choose one"),
    ("console.outcome_recorded", "The outcome is recorded."),
    ("console.person_gone", "(the person has left)"),
    (
        "console.person_left",
        "{handle} ended the conversation. Please record the outcome.",
    ),
    ("console.record", "Record the outcome"),
    ("console.urgent_waiting", "An urgent request is waiting."),
    // Display.
    ("settings.theme", "Light or dark"),
    ("theme.auto", "As the device"),
    ("theme.light", "Light"),
    ("theme.dark", "Dark"),
    ("neutral.title_new", "Notes (1)"),
    // Open notices.
    ("watch.ask", "Tell me when it opens"),
    ("watch.on", "You will be told when it opens (stop)"),
    (
        "watch.hint",
        "Only while this tab is open: you are told here when the room opens. Nothing is stored.",
    ),
    ("watch.calendar", "Add to my calendar (.ics)"),
    ("watch.opened", "“{room}” is open now."),
    ("watch.tab_title", "(open now) {title}"),
    ("when.today", "today {time}"),
    ("when.tomorrow", "tomorrow {time}"),
    ("when.day", "{date} {time}"),
    ("when.with_left", "{when} ({left})"),
    // The audit log, in words.
    ("audit.actor.system", "Automatic protection"),
    ("audit.actor.participant", "A participant"),
    ("audit.actor.facilitator", "A facilitator"),
    ("audit.actor.counselor", "A counselor"),
    ("audit.actor.admin", "An administrator"),
    ("audit.action.sign_in", "Signed in"),
    ("audit.action.delete", "Took a message down"),
    ("audit.action.mute", "Muted"),
    ("audit.action.unmute", "Lifted a mute"),
    ("audit.action.remove", "Asked to leave"),
    ("audit.action.slow_mode", "Slow mode"),
    ("audit.action.lock", "Paused writing"),
    ("audit.action.unlock", "Resumed writing"),
    ("audit.action.topic", "Set the topic"),
    ("audit.action.close", "Ended the session"),
    ("audit.action.report", "Report"),
    ("audit.action.resolve_report", "Answered a report"),
    ("audit.action.dismiss_alert", "Saw to an alert"),
    ("audit.action.block", "Blocked automatically"),
    ("audit.action.flag", "Flagged automatically"),
    ("audit.action.trial", "Rule on trial"),
    ("audit.action.crisis", "Words of distress"),
    ("audit.action.escalate", "Suggested a counselor"),
    ("audit.action.claim", "Took a request"),
    ("audit.action.hand_over", "Handed a case over"),
    ("audit.action.end_case", "Ended a case"),
    ("audit.reason.message_deleted", "Message taken down"),
    ("audit.reason.muted", "Muted"),
    ("audit.reason.removed", "Asked to leave"),
    ("audit.reason.no_action", "No action"),
    ("audit.reason.crisis", "Words of distress"),
    ("audit.reason.abuse", "Abuse"),
    ("audit.reason.discrimination", "Discrimination"),
    ("audit.reason.sexual", "Sexual content"),
    ("audit.reason.contact", "Exchanging contacts"),
    ("audit.reason.solicitation", "Solicitation"),
    ("audit.reason.medication", "Medication"),
    ("audit.reason.dismissive", "Dismissive words"),
];

fn table(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Ja => JA,
        Lang::En => EN,
    }
}

/// The sentence for `key` in `lang`, if there is one (for keys made from codes the server
/// sends, which may be newer than this table).
pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    table(lang)
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, text)| *text)
}

/// The sentence for `key` in `lang` (the key itself if missing, which a test prevents).
pub fn t(lang: Lang, key: &str) -> &'static str {
    table(lang)
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, text)| *text)
        .unwrap_or_else(|| {
            JA.iter()
                .find(|(k, _)| *k == key)
                .map_or("…", |(_, text)| *text)
        })
}

/// [`t`] with `{name}` placeholders filled in.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut text = t(lang, key).to_owned();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// The kind sentence for a server error code.
pub fn error_sentence(lang: Lang, code: ErrorCode) -> &'static str {
    t(lang, &format!("error.{}", code.as_str()))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn keys(table: &[(&str, &str)]) -> BTreeSet<String> {
        table.iter().map(|(k, _)| (*k).to_owned()).collect()
    }

    #[test]
    fn japanese_and_english_have_the_same_keys_each_once_and_none_empty() {
        for table in [JA, EN] {
            assert_eq!(keys(table).len(), table.len(), "a key appears twice");
            for (key, text) in table {
                assert!(!text.trim().is_empty(), "{key} is empty");
            }
        }
        let ja = keys(JA);
        let en = keys(EN);
        let only_ja: Vec<_> = ja.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&ja).collect();
        assert!(only_ja.is_empty(), "missing in English: {only_ja:?}");
        assert!(only_en.is_empty(), "missing in Japanese: {only_en:?}");
    }

    #[test]
    fn placeholders_match_between_languages() {
        for (key, ja) in JA {
            let en = t(Lang::En, key);
            let names = |text: &str| -> BTreeSet<String> {
                text.split('{')
                    .skip(1)
                    .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
                    .collect()
            };
            assert_eq!(names(ja), names(en), "{key}");
        }
    }

    #[test]
    fn every_server_error_code_has_a_sentence() {
        for code in ErrorCode::ALL {
            let key = format!("error.{}", code.as_str());
            assert!(keys(JA).contains(&key), "{key}");
            assert_ne!(
                error_sentence(Lang::En, code),
                error_sentence(Lang::Ja, code)
            );
        }
    }

    /// Every `"group.name"` literal in the source whose group is a translation group must
    /// be a key: a typo or a forgotten sentence fails here.
    #[test]
    fn every_key_the_code_uses_exists() {
        let groups: BTreeSet<&str> = JA
            .iter()
            .filter_map(|(k, _)| k.split_once('.').map(|(group, _)| group))
            .collect();
        let known = keys(JA);
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut used = 0;
        for path in source_files(std::path::Path::new(dir)) {
            if path.ends_with("i18n.rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for literal in source.split('"').skip(1).step_by(2) {
                let Some((group, rest)) = literal.split_once('.') else {
                    continue;
                };
                let looks_like_key = groups.contains(group)
                    && !rest.is_empty()
                    && literal
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_');
                if looks_like_key {
                    used += 1;
                    assert!(
                        known.contains(literal),
                        "{}: unknown key {literal:?}",
                        path.display()
                    );
                }
            }
        }
        assert!(
            used > 20,
            "the scan found only {used} keys: is it still looking?"
        );
    }

    fn source_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files.extend(source_files(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
        files
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(tf(Lang::Ja, "lobby.present", &[("n", "3")]), "いま3人");
        assert_eq!(tf(Lang::En, "room.present", &[("n", "3")]), "3 here now");
    }
}
