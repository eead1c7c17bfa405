// The SCO Twin dashboard: a map through time, the timeline, weight and cohesion charts, the
// decision lab and the world model view. Served by `sco serve` from the binary; it reads only
// the server's own /api and /assets (the content security policy allows nothing else) and
// inserts data as text or escaped HTML, never as script or style.
"use strict";

// ---------------------------------------------------------------------------------------------
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Interface language (English, Russian and Chinese: the SCO's working languages are Russian and
// Chinese). Data text from the ledger and the case files stays in English, as recorded.

const I18N = {
  en: {
    skip: "Skip to the content", title: "SCO Twin", language: "Language",
    subtitle: "The Shanghai Cooperation Organisation on any date, replayed from the sourced history ledger.",
    nav_map: "Map", nav_timeline: "Timeline", nav_weight: "Weight and cohesion", nav_lab: "Decision lab", nav_world: "World model",
    map_title: "The SCO through time", slider_label: "Date", exact_date: "Exact date", show: "Show", play: "Play", pause: "Pause", today: "Today",
    loading: "Loading…", none: "—", choose_state: "Choose a state",
    map_note: "Boundaries: Natural Earth 1:110m (de facto lines, no position taken). Click a state, or choose it below, for its history.",
    member: "Member state", observer: "Observer", dialogue_partner: "Dialogue partner", partner: "SCO partner", no_status: "No status",
    accession: "In accession", shanghai_five: "The Shanghai Five", sco: "The SCO",
    on_date: "on", showing: "Showing {date}.", instead: "The map shows today, {date}, instead.", loading_date: "Loading {date}…",
    members_title: "Membership", officials_title: "Chair and officials", chair: "Chair", sg: "Secretary-General", rats: "RATS director", last_summit: "Last summit",
    nobody: "No state holds any status on {date} (the ledger starts on 1996-04-26).",
    since: "since", history_of: "History of {name}", status_on: "Status on {date}", sources: "Sources", no_events: "No events recorded for this state.",
    timeline_title: "Timeline of events", filter_state: "State", filter_kind: "Kind", all_states: "All states", all_kinds: "All kinds",
    kind_status: "Status changes", kind_summit: "Summits", kind_official: "Officials", kind_milestone: "Milestones", kind_hog: "Heads of Government",
    timeline_note: "Choose a date in the list to show it on the map. Event descriptions are in English, as the ledger records them.",
    events_count: "{n} events", show_on_map: "Show {date} on the map",
    weight_title: "Weight and cohesion over time", grouping: "Grouping", g_members: "SCO members", g_members_observers: "SCO members and observers",
    g_all: "SCO members, observers and dialogue partners", g_s5: "The Shanghai Five", g_eu: "European Union", g_custom: "States I list…",
    custom_list: "ISO3 codes, comma-separated", weight_chart: "Share of the world", cohesion_chart: "Cohesion: democracy and UN voting",
    download_csv: "Download the data (CSV)",
    weight_note: "Membership on 31 December of each year. Sources: World Bank WDI (population, GDP), V-Dem v15, Freedom House, UN General Assembly ideal points (Bailey, Strezhnev and Voeten), COW NMC v7. A dataset's line stops where its data end.",
    population: "Population", gdp_usd: "GDP (US$)", gdp_ppp: "GDP (PPP)", polyarchy: "Electoral democracy (V-Dem), mean", polyarchy_range: "range of members",
    libdem: "Liberal democracy (V-Dem), mean", not_free: "Population in 'not free' states (Freedom House)", ideal_sd: "Spread of UN voting (ideal points, SD)",
    years_shown: "{group}: {from}–{to}, {n} years.",
    lab_title: "Decision lab", case: "Case", reset: "Reset to the coding",
    lab_note: "Pick a case, move a member's position or salience, and the server runs every model again. Under the Charter's consensus rule (Article 16) a decision passes only if no member objects.",
    running: "Running the models…", ran: "Recomputed by the server with {n} change(s).", ran_coding: "The case as coded.",
    codings: "Members' positions and saliences (edit to ask “what if”)", state: "State", position: "Position", salience: "Salience",
    predictions: "Each model's prediction and what consensus lets pass", model: "Model", predicts: "Predicts", under_consensus: "Under consensus",
    blocked_by: "Blocked by", nearest: "Nearest point that passes", passes: "passes", blocked: "blocked", status_quo: "status quo",
    passes_res: "passes with reservations", winset: "Share of the issue space that passes unanimity: {share}.",
    proposals: "Proposals and the actual outcome", proposal: "Proposal", by: "By", binding_veto: "Binding veto", what_happened: "What happened",
    scales: "Scales", decision_of: "Decision of {date}", members_veto: "{n} members, each with a veto",
    m_compromise: "Compromise (weighted mean)", m_nash: "Nash bargaining", m_eum: "Expected utility (BDM/Scholz)", m_smp: "KTAB Spatial Model of Politics",
    strip_legend: "Grey: members' ideal points; black: status quo; green band: what passes unanimity; coloured: predictions.",
    world_title: "World model", scenario: "Scenario", scenario_norms: "norms: the contest of norms in Central Asia", runs: "Monte Carlo runs", run_hindcast: "Run the hindcast",
    world_note: "The `norms` scenario (the contest of norms in Central Asia), the model's first scenario, kept as one module of the world model. It starts each state at its V-Dem liberal democracy value of 2001 and runs to 2024 without further observation; the bands are its Monte Carlo quantiles, the dots what V-Dem observed.",
    world_running: "Running {runs} simulations and the ablations on the server…", world_done: "{runs} runs from seed {seed}, {from}–{to}.",
    errors_title: "Errors against V-Dem: the model against two forecasts that know only the data up to 2001",
    rmse_model: "Model RMSE", rmse_persist: "Persistence RMSE", rmse_trend: "Trend RMSE", skill: "Skill vs persistence", cov90: "90 % coverage", label: "States",
    ablations_title: "Counterfactuals: each mechanism switched off (same seeds)", switched_off: "Switched off", rmse_ca: "RMSE Central Asia", rmse_all: "RMSE all states",
    fan_legend: "Band: 5–95 % and 25–75 % of the runs; line: median; dashed: persistence; dots: observed.",
    verdict_better: "The model beats persistence here (skill {skill}).", verdict_worse: "The model does not beat persistence here (skill {skill}).",
    band_note: "Shaded: the lowest and highest member on electoral democracy (V-Dem).", full_model: "nothing (full model)",
    mc_note: "These figures are Monte Carlo estimates: they move with the number of runs and the seed. The 200-run report, the out-of-sample test (calibrated on 2001-2012, forecast 2013-2024) and the verdict are in docs/simulation/norms-hindcast.md.",
    scenario_world: "world: the SCO world model", world_target: "Observable", counterfactual: "Counterfactual",
    target_agree_chn: "UN votes agreeing with China", target_agree_rus: "UN votes agreeing with Russia", target_agree_usa: "UN votes agreeing with the United States",
    target_ideal_point: "UN ideal point", target_trade_share_chn: "Share of trade with China", target_trade_share_rus: "Share of trade with Russia",
    target_trade_share_west: "Share of trade with the West", target_sco_status: "SCO status (0 none, 1 dialogue partner, 2 observer, 3 acceding, 4 member)",
    cf_none: "none: the hindcast", "cf_no-india-pakistan-2017": "India and Pakistan not admitted (2017)", "cf_iran-admitted-2008": "Iran admitted in 2008",
    "cf_us-bases-kept": "US bases kept in Central Asia", "cf_development-bank-2010": "SCO Development Bank from 2010", "cf_russia-no-sanctions": "Russia without the sanctions of 2014 and 2022",
    world_note_world: "The SCO world model (seeds 000–004): how states around the SCO vote at the UN, whom they trade with and which SCO status they hold, simulated from 2001 with parameters from the latest stored calibration. Up to that calibration's origin the hindcast is in sample: an illustration, not a test. The out-of-sample test against persistence, trend and AR(1), and the targets where the model loses to them, are in docs/simulation/world.md (sco evaluate world).",
    world_running_world: "Running {runs} simulations on the server…", world_calibration: "Parameters: {calibration}. Statuses in the baseline: {statuses}.",
    statuses_endogenous: "chosen by the model (expansion module)", statuses_ledger: "held on the ledger's path, so that only the counterfactual's change differs",
    world_fan_legend: "Blue band: 5–95 % and 25–75 % of the runs, line: median; dots: observed; purple: the counterfactual (5–95 % band and dashed median), same seeds.",
    cf_title: "{name}: counterfactual minus baseline (median of paired differences and its 90 % interval)", cf_measure: "Measure", cf_year: "Year",
    cf_baseline: "Baseline median", cf_difference: "Difference", cf_interval: "90 % interval", cf_clear: "Bold: the interval excludes zero.",
    no_observation: "not observed after {year}",
    footer: "Data: the SCO history ledger, World Bank WDI, V-Dem, Freedom House, UN votes, COW and the decision-lab case files, as served by sco serve. API: docs/api.md.",
  },
  ru: {
    skip: "Перейти к содержимому", title: "SCO Twin", language: "Язык",
    subtitle: "Шанхайская организация сотрудничества на любую дату по журналу истории с источниками.",
    nav_map: "Карта", nav_timeline: "Хронология", nav_weight: "Вес и сплочённость", nav_lab: "Лаборатория решений", nav_world: "Модель мира",
    map_title: "ШОС во времени", slider_label: "Дата", exact_date: "Точная дата", show: "Показать", play: "Воспроизвести", pause: "Пауза", today: "Сегодня",
    loading: "Загрузка…", none: "—", choose_state: "Выберите государство",
    map_note: "Границы: Natural Earth 1:110m (фактические линии, без оценки их законности). Щёлкните по государству или выберите его ниже, чтобы увидеть его историю.",
    member: "Государство-член", observer: "Наблюдатель", dialogue_partner: "Партнёр по диалогу", partner: "Партнёр ШОС", no_status: "Без статуса",
    accession: "В процессе вступления", shanghai_five: "Шанхайская пятёрка", sco: "ШОС",
    on_date: "на", showing: "Показано на {date}.", instead: "Вместо неё карта показывает сегодняшний день, {date}.", loading_date: "Загрузка {date}…",
    members_title: "Состав", officials_title: "Председатель и должностные лица", chair: "Председатель", sg: "Генеральный секретарь", rats: "Директор РАТС", last_summit: "Последний саммит",
    nobody: "На {date} ни одно государство не имеет статуса (журнал начинается 1996-04-26).",
    since: "с", history_of: "История: {name}", status_on: "Статус на {date}", sources: "Источники", no_events: "Для этого государства событий нет.",
    timeline_title: "Хронология событий", filter_state: "Государство", filter_kind: "Вид", all_states: "Все государства", all_kinds: "Все виды",
    kind_status: "Изменения статуса", kind_summit: "Саммиты", kind_official: "Должностные лица", kind_milestone: "Вехи", kind_hog: "Главы правительств",
    timeline_note: "Выберите дату в списке, чтобы показать её на карте. Описания событий — на английском, как в журнале.",
    events_count: "Событий: {n}", show_on_map: "Показать {date} на карте",
    weight_title: "Вес и сплочённость во времени", grouping: "Группа", g_members: "Члены ШОС", g_members_observers: "Члены и наблюдатели ШОС",
    g_all: "Члены, наблюдатели и партнёры по диалогу ШОС", g_s5: "Шанхайская пятёрка", g_eu: "Европейский союз", g_custom: "Мой список государств…",
    custom_list: "Коды ISO3 через запятую", weight_chart: "Доля в мире", cohesion_chart: "Сплочённость: демократия и голосования в ООН",
    download_csv: "Скачать данные (CSV)",
    weight_note: "Состав на 31 декабря каждого года. Источники: Всемирный банк (население, ВВП), V-Dem v15, Freedom House, идеальные точки Генассамблеи ООН (Бейли, Стрежнев, Вётен), COW NMC v7. Линия обрывается там, где кончаются данные.",
    population: "Население", gdp_usd: "ВВП (долл. США)", gdp_ppp: "ВВП (ППС)", polyarchy: "Электоральная демократия (V-Dem), среднее", polyarchy_range: "разброс членов",
    libdem: "Либеральная демократия (V-Dem), среднее", not_free: "Население «несвободных» государств (Freedom House)", ideal_sd: "Разброс голосований в ООН (СКО идеальных точек)",
    years_shown: "{group}: {from}–{to}, лет: {n}.",
    lab_title: "Лаборатория решений", case: "Случай", reset: "Вернуть кодировку",
    lab_note: "Выберите случай, измените позицию или значимость вопроса для члена, и сервер заново рассчитает все модели. По правилу консенсуса Устава (статья 16) решение принимается, только если ни один член не возражает.",
    running: "Расчёт моделей…", ran: "Пересчитано сервером, изменений: {n}.", ran_coding: "Случай в исходной кодировке.",
    codings: "Позиции и значимость для членов (измените, чтобы спросить «что если»)", state: "Государство", position: "Позиция", salience: "Значимость",
    predictions: "Прогноз каждой модели и что пропускает консенсус", model: "Модель", predicts: "Прогноз", under_consensus: "При консенсусе",
    blocked_by: "Блокирует", nearest: "Ближайшая проходящая точка", passes: "проходит", blocked: "блокируется", status_quo: "статус-кво",
    passes_res: "проходит с оговорками", winset: "Доля пространства решений, проходящая единогласно: {share}.",
    proposals: "Предложения и фактический исход", proposal: "Предложение", by: "Автор", binding_veto: "Решающее вето", what_happened: "Что произошло",
    scales: "Шкалы", decision_of: "Решение от {date}", members_veto: "членов: {n}, у каждого право вето",
    m_compromise: "Компромисс (взвешенное среднее)", m_nash: "Торг по Нэшу", m_eum: "Ожидаемая полезность (BDM/Шольц)", m_smp: "Пространственная модель KTAB",
    strip_legend: "Серые: идеальные точки членов; чёрная: статус-кво; зелёная полоса: что проходит единогласно; цветные: прогнозы.",
    world_title: "Модель мира", scenario: "Сценарий", scenario_norms: "norms: борьба норм в Центральной Азии", runs: "Прогонов Монте-Карло", run_hindcast: "Запустить ретропрогноз",
    world_note: "Сценарий `norms` (борьба норм в Центральной Азии), первый сценарий проекта, оставленный как модуль модели мира. Каждое государство начинает со своего значения либеральной демократии V-Dem 2001 года и идёт до 2024 года без новых наблюдений; полосы — квантили Монте-Карло, точки — наблюдения V-Dem.",
    world_running: "Сервер выполняет {runs} прогонов и абляции…", world_done: "{runs} прогонов с зерна {seed}, {from}–{to}.",
    errors_title: "Ошибки относительно V-Dem: модель против двух прогнозов, знающих данные только до 2001 года",
    rmse_model: "СКО ошибки модели", rmse_persist: "СКО инерции", rmse_trend: "СКО тренда", skill: "Выигрыш против инерции", cov90: "Покрытие 90 %", label: "Государства",
    ablations_title: "Контрфактические варианты: каждый механизм отключён (те же зёрна)", switched_off: "Отключено", rmse_ca: "СКО, Центральная Азия", rmse_all: "СКО, все",
    fan_legend: "Полосы: 5–95 % и 25–75 % прогонов; линия: медиана; пунктир: инерция; точки: наблюдения.",
    verdict_better: "Здесь модель лучше инерции (выигрыш {skill}).", verdict_worse: "Здесь модель не лучше инерции (выигрыш {skill}).",
    band_note: "Заливка: наименьшее и наибольшее значение электоральной демократии (V-Dem) среди членов.", full_model: "ничего (полная модель)",
    mc_note: "Это оценки Монте-Карло: они меняются с числом прогонов и зерном. Отчёт по 200 прогонам, проверка вне выборки (калибровка на 2001–2012, прогноз на 2013–2024) и вывод — в docs/simulation/norms-hindcast.md.",
    scenario_world: "world: модель ШОС в мире", world_target: "Показатель", counterfactual: "Контрфактический сценарий",
    target_agree_chn: "Совпадение голосований в ООН с Китаем", target_agree_rus: "Совпадение голосований в ООН с Россией", target_agree_usa: "Совпадение голосований в ООН с США",
    target_ideal_point: "Идеальная точка в ООН", target_trade_share_chn: "Доля торговли с Китаем", target_trade_share_rus: "Доля торговли с Россией",
    target_trade_share_west: "Доля торговли с Западом", target_sco_status: "Статус в ШОС (0 нет, 1 партнёр по диалогу, 2 наблюдатель, 3 вступает, 4 член)",
    cf_none: "нет: ретропрогноз", "cf_no-india-pakistan-2017": "Индия и Пакистан не приняты (2017)", "cf_iran-admitted-2008": "Иран принят в 2008 году",
    "cf_us-bases-kept": "Базы США в Центральной Азии сохранены", "cf_development-bank-2010": "Банк развития ШОС с 2010 года", "cf_russia-no-sanctions": "Россия без санкций 2014 и 2022 годов",
    world_note_world: "Модель ШОС в мире (источники 000–004): как государства вокруг ШОС голосуют в ООН, с кем торгуют и какой статус в ШОС имеют; моделирование с 2001 года с параметрами последней сохранённой калибровки. До её исходного года ретропрогноз — внутри выборки: иллюстрация, а не проверка. Проверка вне выборки против инерционного прогноза, тренда и AR(1) и показатели, где модель им проигрывает, — в docs/simulation/world.md (sco evaluate world).",
    world_running_world: "Сервер выполняет {runs} прогонов…", world_calibration: "Параметры: {calibration}. Статусы в базовом сценарии: {statuses}.",
    statuses_endogenous: "выбираются моделью (модуль расширения)", statuses_ledger: "заданы по реестру, чтобы различалось только изменение сценария",
    world_fan_legend: "Синяя полоса: 5–95 % и 25–75 % прогонов, линия: медиана; точки: наблюдения; фиолетовое: контрфактический сценарий (полоса 5–95 % и медиана пунктиром), те же зёрна.",
    cf_title: "{name}: сценарий минус базовый (медиана парных разностей и её 90-процентный интервал)", cf_measure: "Показатель", cf_year: "Год",
    cf_baseline: "Медиана базового", cf_difference: "Разность", cf_interval: "90-процентный интервал", cf_clear: "Жирным: интервал не содержит нуля.",
    no_observation: "нет наблюдений после {year}",
    footer: "Данные: журнал истории ШОС, Всемирный банк, V-Dem, Freedom House, голосования в ООН, COW и файлы случаев лаборатории, как их отдаёт sco serve. API: docs/api.md.",
  },
  zh: {
    skip: "跳到内容", title: "SCO Twin", language: "语言",
    subtitle: "依据有出处的历史账本，重现任意日期的上海合作组织。",
    nav_map: "地图", nav_timeline: "时间线", nav_weight: "分量与凝聚力", nav_lab: "决策实验室", nav_world: "世界模型",
    map_title: "上合组织的演变", slider_label: "日期", exact_date: "具体日期", show: "显示", play: "播放", pause: "暂停", today: "今天",
    loading: "加载中…", none: "—", choose_state: "选择国家",
    map_note: "边界：Natural Earth 1:110m（实际控制线，不代表任何立场）。点击国家或在下方选择，查看其历史。",
    member: "成员国", observer: "观察员国", dialogue_partner: "对话伙伴", partner: "上合组织伙伴", no_status: "无地位",
    accession: "加入进程中", shanghai_five: "上海五国", sco: "上合组织",
    on_date: "于", showing: "显示 {date}。", instead: "地图改为显示今天（{date}）。", loading_date: "正在加载 {date}…",
    members_title: "成员构成", officials_title: "轮值主席与官员", chair: "轮值主席国", sg: "秘书长", rats: "地区反恐怖机构执委会主任", last_summit: "上次峰会",
    nobody: "{date} 没有任何国家具有地位（账本始于 1996-04-26）。",
    since: "自", history_of: "{name} 的历史", status_on: "{date} 的地位", sources: "来源", no_events: "该国没有记录的事件。",
    timeline_title: "事件时间线", filter_state: "国家", filter_kind: "类别", all_states: "所有国家", all_kinds: "所有类别",
    kind_status: "地位变化", kind_summit: "峰会", kind_official: "官员", kind_milestone: "里程碑", kind_hog: "政府首脑",
    timeline_note: "在列表中选择日期即可在地图上显示。事件描述为英文，与账本记录一致。",
    events_count: "{n} 个事件", show_on_map: "在地图上显示 {date}",
    weight_title: "分量与凝聚力的变化", grouping: "国家组", g_members: "上合组织成员国", g_members_observers: "上合组织成员国和观察员国",
    g_all: "上合组织成员国、观察员国和对话伙伴", g_s5: "上海五国", g_eu: "欧洲联盟", g_custom: "自定国家列表…",
    custom_list: "ISO3 代码，以逗号分隔", weight_chart: "占世界的份额", cohesion_chart: "凝聚力：民主与联合国投票",
    download_csv: "下载数据（CSV）",
    weight_note: "成员构成取每年 12 月 31 日。来源：世界银行（人口、GDP）、V-Dem v15、自由之家、联合国大会理想点（Bailey、Strezhnev、Voeten）、COW NMC v7。数据结束处曲线即止。",
    population: "人口", gdp_usd: "GDP（美元）", gdp_ppp: "GDP（购买力平价）", polyarchy: "选举民主指数（V-Dem）均值", polyarchy_range: "成员范围",
    libdem: "自由民主指数（V-Dem）均值", not_free: "“不自由”国家人口占比（自由之家）", ideal_sd: "联合国投票分散度（理想点标准差）",
    years_shown: "{group}：{from}–{to}，共 {n} 年。",
    lab_title: "决策实验室", case: "案例", reset: "恢复原编码",
    lab_note: "选择案例，调整某成员的立场或重视程度，服务器将重新运行所有模型。按照《宪章》第十六条的协商一致规则，只有在没有成员反对时决定才能通过。",
    running: "正在运行模型…", ran: "服务器已按 {n} 处修改重新计算。", ran_coding: "按原编码的案例。",
    codings: "成员的立场与重视程度（修改以提出“如果”）", state: "国家", position: "立场", salience: "重视程度",
    predictions: "各模型的预测及协商一致允许通过的结果", model: "模型", predicts: "预测", under_consensus: "协商一致下",
    blocked_by: "阻止者", nearest: "最近的可通过点", passes: "通过", blocked: "被阻止", status_quo: "现状",
    passes_res: "附保留意见通过", winset: "可全体一致通过的议题空间占比：{share}。",
    proposals: "提案与实际结果", proposal: "提案", by: "提出方", binding_veto: "决定性否决", what_happened: "实际情况",
    scales: "量表", decision_of: "{date} 的决定", members_veto: "{n} 个成员，各有否决权",
    m_compromise: "折中（加权平均）", m_nash: "纳什议价", m_eum: "期望效用（BDM/Scholz）", m_smp: "KTAB 空间政治模型",
    strip_legend: "灰色：成员理想点；黑色：现状；绿色带：可全体一致通过的范围；彩色：预测。",
    world_title: "世界模型", scenario: "情景", scenario_norms: "norms：中亚的规范之争", runs: "蒙特卡洛次数", run_hindcast: "运行回测",
    world_note: "`norms` 情景（中亚的规范之争）是项目的第一个情景，现作为世界模型的一个模块保留。各国从 2001 年 V-Dem 自由民主值出发，不再引入观测，运行到 2024 年；色带为蒙特卡洛分位数，圆点为 V-Dem 观测值。",
    world_running: "服务器正在运行 {runs} 次模拟和消融实验…", world_done: "{runs} 次运行，种子 {seed}，{from}–{to}。",
    errors_title: "相对 V-Dem 的误差：模型与两种只知道 2001 年前数据的预测比较",
    rmse_model: "模型 RMSE", rmse_persist: "持续性 RMSE", rmse_trend: "趋势 RMSE", skill: "相对持续性的技巧", cov90: "90% 覆盖率", label: "国家",
    ablations_title: "反事实：依次关闭各机制（相同种子）", switched_off: "关闭的机制", rmse_ca: "中亚 RMSE", rmse_all: "全部 RMSE",
    fan_legend: "色带：运行结果的 5–95% 与 25–75%；线：中位数；虚线：持续性；圆点：观测值。",
    verdict_better: "此处模型优于持续性预测（技巧 {skill}）。", verdict_worse: "此处模型不优于持续性预测（技巧 {skill}）。",
    band_note: "阴影：成员中选举民主指数（V-Dem）的最低值与最高值。", full_model: "无（完整模型）",
    mc_note: "这些数字是蒙特卡洛估计，会随运行次数和种子而变化。200 次运行的报告、样本外检验（以 2001–2012 年校准，预测 2013–2024 年）及结论见 docs/simulation/norms-hindcast.md。",
    scenario_world: "world：上合组织世界模型", world_target: "观测量", counterfactual: "反事实情景",
    target_agree_chn: "联大投票与中国一致的比例", target_agree_rus: "联大投票与俄罗斯一致的比例", target_agree_usa: "联大投票与美国一致的比例",
    target_ideal_point: "联大理想点", target_trade_share_chn: "对华贸易占比", target_trade_share_rus: "对俄贸易占比",
    target_trade_share_west: "对西方贸易占比", target_sco_status: "上合组织地位（0 无，1 对话伙伴，2 观察员，3 加入中，4 成员国）",
    cf_none: "无：回测", "cf_no-india-pakistan-2017": "印度和巴基斯坦未获接纳（2017）", "cf_iran-admitted-2008": "伊朗于 2008 年获接纳",
    "cf_us-bases-kept": "美国在中亚的基地保留", "cf_development-bank-2010": "上合组织开发银行自 2010 年起运作", "cf_russia-no-sanctions": "俄罗斯未受 2014 和 2022 年制裁",
    world_note_world: "上合组织世界模型（文献 000–004）：上合组织周边国家在联大如何投票、与谁贸易、持有何种上合组织地位，自 2001 年起模拟，参数取自最新存储的校准。在该校准的起点之前，回测属于样本内：是示意而非检验。相对于持续性、趋势和 AR(1) 的样本外检验，以及模型不及它们的观测量，见 docs/simulation/world.md（sco evaluate world）。",
    world_running_world: "服务器正在运行 {runs} 次模拟…", world_calibration: "参数：{calibration}。基准情景中的地位：{statuses}。",
    statuses_endogenous: "由模型选择（扩员模块）", statuses_ledger: "按档案路径固定，只有反事实的改变不同",
    world_fan_legend: "蓝色带：5–95 % 与 25–75 % 的运行，线：中位数；圆点：观测值；紫色：反事实情景（5–95 % 带与虚线中位数），相同种子。",
    cf_title: "{name}：反事实减基准（配对差的中位数及其 90 % 区间）", cf_measure: "量", cf_year: "年份",
    cf_baseline: "基准中位数", cf_difference: "差值", cf_interval: "90 % 区间", cf_clear: "粗体：区间不含零。",
    no_observation: "{year} 年后无观测",
    footer: "数据：上合组织历史账本、世界银行、V-Dem、自由之家、联合国投票、COW 及决策实验室案例文件，由 sco serve 提供。API：docs/api.md。",
  },
};

let lang = "en";

/** The interface text `key` in the chosen language, with `{name}` filled from `vars`. */
function t(key, vars) {
  const text = (I18N[lang] && I18N[lang][key]) || I18N.en[key] || key;
  return vars ? text.replace(/\{(\w+)\}/g, (_, k) => (vars[k] ?? "")) : text;
}

const $ = (id) => document.getElementById(id);

function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) =>
    ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function pct(share) {
  return share === null || share === undefined || Number.isNaN(share) ? "—" : (share * 100).toFixed(1) + " %";
}

function num(x, digits = 1) {
  if (x === null || x === undefined || Number.isNaN(x)) return "—";
  const r = Number(x.toFixed(digits));
  return r === 0 ? "0" : r.toFixed(digits);
}

/**
 * Fetches an API path; throws the server's own message on an error status. Every document
 * carries a `provenance` member; a list comes as `{items, provenance}` and is returned as the list.
 */
async function api(path) {
  let response;
  try {
    response = await fetch(path, { headers: { Accept: "application/json" } });
  } catch (e) {
    throw new Error(`The server cannot be reached (${path}): ${e.message}`);
  }
  let body = null;
  try { body = await response.json(); } catch (_) { /* not JSON */ }
  if (!response.ok) {
    throw new Error(body && body.error ? body.error : `${response.status} ${response.statusText} (${path})`);
  }
  if (body === null) throw new Error(`The server's answer to ${path} is not JSON`);
  if (Array.isArray(body.items) && Object.keys(body).length === 2 && "provenance" in body) {
    return body.items;
  }
  return body;
}

// The server runs at most a few expensive computations at once (case runs, series, the
// hindcast) and answers 503 beyond them. The page asks for them one after another, so that a
// reader's own views never crowd each other out, and retries briefly if another client holds
// the server's places.
let expensiveQueue = Promise.resolve();

function expensive(path) {
  const run = async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await api(path);
      } catch (e) {
        if (attempt >= 5 || !/server is busy/.test(e.message)) throw e;
        await sleep(300 * (attempt + 1));
      }
    }
  };
  const result = expensiveQueue.then(run, run);
  expensiveQueue = result.catch(() => {});
  return result;
}

function errorHtml(error) {
  return `<p class="error" role="alert">${esc(error.message || error)}</p>`;
}

function fail(target, error) {
  $(target).innerHTML = errorHtml(error);
}

// ---------------------------------------------------------------------------------------------
// States and their names (GET /api/states)

const STATES = new Map();      // iso3 -> { iso_numeric, name_en, name_ru, name_zh }
const BY_NUMERIC = new Map();  // "004" -> "AFG"
let SOURCES = new Map();       // source id -> { title, url, file }

function stateName(iso3, fallback) {
  const s = STATES.get(iso3);
  if (!s) return fallback || iso3;
  return (lang === "ru" ? s.name_ru : lang === "zh" ? s.name_zh : s.name_en) || s.name_en || fallback || iso3;
}

function statusLabel(status) {
  return status ? t(status) : t("no_status");
}

function sourceHtml(ref) {
  const s = SOURCES.get(ref.id);
  const title = s ? s.title : ref.id;
  const at = ref.at ? ` (${esc(ref.at)})` : "";
  if (s && s.url && /^https?:\/\//.test(s.url)) {
    return `<a href="${esc(s.url)}" rel="noopener noreferrer" target="_blank">${esc(title)}</a>${at}`;
  }
  return `${esc(title)}${s && s.file ? ` <span class="code">${esc(s.file)}</span>` : ""}${at}`;
}

// ---------------------------------------------------------------------------------------------
// TopoJSON, decoded here (no library): quantized, delta-encoded arcs; rings are lists of arc
// indices, a negative index ~i meaning arc i reversed. Projected with the Natural Earth
// projection (Šavrič et al. 2011, the polynomial form).

function decodeArcs(topology) {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  return topology.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
}

function naturalEarth(lon, lat) {
  const l = (lon * Math.PI) / 180, p = (lat * Math.PI) / 180;
  const p2 = p * p, p4 = p2 * p2;
  const x = l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)));
  const y = p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)));
  return [x, y];
}

const MAP = { width: 960, height: 440, scale: 170, cx: 480, cy: 250 };

function project([lon, lat]) {
  const [x, y] = naturalEarth(lon, lat);
  return [MAP.cx + x * MAP.scale, MAP.cy - y * MAP.scale];
}

function ringPath(ring, arcs, bounds) {
  let points = [];
  ring.forEach((index, k) => {
    const arc = index >= 0 ? arcs[index] : arcs[~index].slice().reverse();
    arc.forEach((pt, j) => { if (k === 0 || j > 0) points.push(pt); });
  });
  // A ring that crosses the antimeridian (Russia's Chukotka, Fiji) is drawn east of 180°
  // rather than as a band across the whole map.
  if (points.some((p, i) => i > 0 && Math.abs(p[0] - points[i - 1][0]) > 180)) {
    points = points.map(([lon, lat]) => [lon < 0 ? lon + 360 : lon, lat]);
  }
  const projected = points.map(project);
  for (const [x, y] of projected) {
    bounds[0] = Math.min(bounds[0], x); bounds[1] = Math.min(bounds[1], y);
    bounds[2] = Math.max(bounds[2], x); bounds[3] = Math.max(bounds[3], y);
  }
  return "M" + projected.map((pt) => pt.map((v) => v.toFixed(1)).join(",")).join("L") + "Z";
}

function geometryPath(geometry, arcs, bounds) {
  if (geometry.type === "Polygon") return geometry.arcs.map((r) => ringPath(r, arcs, bounds)).join("");
  if (geometry.type === "MultiPolygon") return geometry.arcs.map((poly) => poly.map((r) => ringPath(r, arcs, bounds)).join("")).join("");
  return "";
}

// ---------------------------------------------------------------------------------------------
// The map and the date

const FIRST = { year: 1996, month: 4 };   // the ledger's first event: 26 April 1996
let today = null;                          // the server's today (YYYY-MM-DD)
let current = null;                        // the snapshot shown
let selected = null;                       // iso3 of the state chosen
let showSeq = 0;
let playing = false;

function monthIndexOf(date) {
  const y = Number(date.slice(0, 4)), m = Number(date.slice(5, 7));
  return (y - FIRST.year) * 12 + (m - FIRST.month);
}

/** The date a slider position stands for: the month's last day, or today in today's month. */
function dateOfIndex(i) {
  const y = FIRST.year + Math.floor((FIRST.month - 1 + i) / 12);
  const m = ((FIRST.month - 1 + i) % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const date = `${y}-${String(m).padStart(2, "0")}-${String(last).padStart(2, "0")}`;
  return today && date > today ? today : date;
}

async function loadMap() {
  try {
    const response = await fetch("/assets/countries-110m.json");
    if (!response.ok) throw new Error(`the map's shapes cannot be loaded: ${response.status}`);
    const topology = await response.json();
    const arcs = decodeArcs(topology);
    const bounds = [Infinity, Infinity, -Infinity, -Infinity];
    let paths = "";
    for (const g of topology.objects.countries.geometries) {
      if (g.id === "010") continue; // Antarctica
      const iso3 = BY_NUMERIC.get(g.id) || "";
      paths += `<path d="${geometryPath(g, arcs, bounds)}" data-iso3="${esc(iso3)}" data-name="${esc(g.properties.name)}"></path>`;
    }
    const [x0, y0, x1, y1] = bounds.map((v, i) => (i < 2 ? Math.floor(v) - 4 : Math.ceil(v) + 4));
    const svg = `<svg viewBox="${x0} ${y0} ${x1 - x0} ${y1 - y0}" role="group" aria-label="World map">${paths}</svg>`;
    $("map").innerHTML = svg;
    for (const path of $("map").querySelectorAll("path")) {
      path.addEventListener("mousemove", (e) => hover(path, e));
      path.addEventListener("mouseleave", () => { $("tooltip").hidden = true; });
      path.addEventListener("focus", () => hover(path, null));
      path.addEventListener("blur", () => { $("tooltip").hidden = true; });
      path.addEventListener("click", () => { if (path.dataset.iso3) chooseState(path.dataset.iso3); });
      path.addEventListener("keydown", (e) => {
        if ((e.key === "Enter" || e.key === " ") && path.dataset.iso3) { e.preventDefault(); chooseState(path.dataset.iso3); }
      });
    }
  } catch (e) { fail("map", e); }
}

function rowOf(iso3) {
  return current ? (current.states || []).find((r) => r.iso3 === iso3) : null;
}

function hover(path, event) {
  const iso3 = path.dataset.iso3;
  const row = rowOf(iso3);
  const name = iso3 ? stateName(iso3, path.dataset.name) : path.dataset.name;
  let text = `<strong>${esc(name)}</strong><br>${esc(statusLabel(row && row.status))}`;
  if (row && row.accession_stage) text += ` · ${esc(t("accession"))}`;
  if (row) text += `<br><span class="note">${esc(t("since"))} ${esc(row.since)}</span>`;
  const tip = $("tooltip");
  tip.innerHTML = text;
  tip.hidden = false;
  const box = $("map").getBoundingClientRect();
  let x, y;
  if (event) { x = event.clientX - box.left + 12; y = event.clientY - box.top + 12; }
  else { const b = path.getBoundingClientRect(); x = b.left - box.left + b.width / 2; y = b.top - box.top + b.height / 2; }
  tip.style.left = `${Math.min(Math.max(0, x), box.width - 160)}px`;
  tip.style.top = `${y}px`;
}

function paintMap() {
  const byIso = new Map((current ? current.states : []).map((r) => [r.iso3, r]));
  for (const path of $("map").querySelectorAll("path")) {
    const row = byIso.get(path.dataset.iso3);
    path.setAttribute("class", [
      row ? `s-${row.status}` : "",
      row && row.accession_stage ? "accession" : "",
      path.dataset.iso3 && path.dataset.iso3 === selected ? "selected" : "",
    ].filter(Boolean).join(" "));
    // States with a status on the date are reachable with Tab; the others through the list.
    if (row) {
      path.setAttribute("tabindex", "0");
      path.setAttribute("role", "button");
      path.setAttribute("aria-label", `${stateName(row.iso3, row.name)}: ${statusLabel(row.status)}`);
    } else {
      path.removeAttribute("tabindex");
      path.removeAttribute("role");
      path.removeAttribute("aria-label");
    }
  }
}

function renderLegend() {
  const items = [["s-member", t("member")], ["s-observer", t("observer")], ["s-dialogue_partner", t("dialogue_partner")],
    ["s-partner", t("partner")], ["accession", t("accession")], ["s-none", t("no_status")]];
  $("legend").innerHTML = items.map(([cls, label]) => `<li><span class="swatch ${cls}"></span>${esc(label)}</li>`).join("");
}

const STATUS_GROUPS = ["member", "observer", "dialogue_partner", "partner"];

function renderMembership() {
  const s = current;
  if (!s) return;
  const rows = s.states || [];
  let html = `<h3>${esc(t("members_title"))}</h3>`;
  if (rows.length === 0) {
    $("membership").innerHTML = html + `<p>${esc(t("nobody", { date: s.date }))}</p>`;
    return;
  }
  html += `<p>${esc(s.framework === "shanghai_five" ? t("shanghai_five") : t("sco"))} ${esc(t("on_date"))} <strong>${esc(s.date)}</strong></p>`;
  for (const status of STATUS_GROUPS) {
    const group = rows.filter((r) => r.status === status);
    if (!group.length) continue;
    html += `<h3>${esc(t(status))} (${group.length})</h3><ul class="states">`;
    for (const r of group) {
      const extra = r.accession_stage ? ` <span class="tag">${esc(t("accession"))}</span>` : "";
      html += `<li>${esc(stateName(r.iso3, r.name))} <span class="code">${esc(r.iso3)}</span>${extra}</li>`;
    }
    html += "</ul>";
  }
  $("membership").innerHTML = html;
}

function official(o) {
  if (!o) return "—";
  const code = o.iso3 ? ` <span class="code">${esc(o.iso3)}</span>` : "";
  return `${esc(o.name)}${code} <span class="note">${esc(o.from)}${o.to ? "–" + esc(o.to) : ""}</span>`;
}

function renderOfficials() {
  const s = current;
  if (!s) return;
  const chair = s.chair ? `${esc(stateName(s.chair.iso3, s.chair.name))} <span class="code">${esc(s.chair.iso3)}</span>` : "—";
  const summit = s.last_summit ? `${esc(s.last_summit.date)}, ${esc(s.last_summit.city || "—")}` : "—";
  $("officials").innerHTML = `<h3>${esc(t("officials_title"))}</h3><dl class="facts">
    <dt>${esc(t("chair"))}</dt><dd>${chair}</dd>
    <dt>${esc(t("sg"))}</dt><dd>${official(s.secretary_general)}</dd>
    <dt>${esc(t("rats"))}</dt><dd>${official(s.rats_director)}</dd>
    <dt>${esc(t("last_summit"))}</dt><dd>${summit}</dd></dl>`;
}

/** Shows the organization on `date` ("" for today). Returns the snapshot, or null on error. */
async function showDate(date, { updateUrl = true } = {}) {
  const seq = ++showSeq;
  $("date-status").textContent = t("loading_date", { date: date || t("today") });
  try {
    const snapshot = await api("/api/overview" + (date ? `?date=${encodeURIComponent(date)}` : ""));
    if (seq !== showSeq) return snapshot; // a later request has been made
    current = snapshot;
    $("date").value = snapshot.date;
    $("slider").value = String(Math.max(0, Math.min(Number($("slider").max), monthIndexOf(snapshot.date))));
    $("slider").setAttribute("aria-valuetext", snapshot.date);
    paintMap();
    renderMembership();
    renderOfficials();
    if (selected) renderStatePanel();
    highlightTimeline();
    renderWeight();   // the charts mark the year shown
    renderCohesion();
    $("date-status").textContent = t("showing", { date: snapshot.date });
    if (updateUrl) {
      const url = new URL(window.location.href);
      url.searchParams.set("date", snapshot.date);
      history.replaceState(null, "", url.pathname + url.search + url.hash);
    }
    return snapshot;
  } catch (e) {
    if (seq !== showSeq) return null;
    $("date-status").innerHTML = errorHtml(e);
    if (!current) {
      // Nothing shown yet: say so in the panels rather than leave them empty.
      $("membership").innerHTML = errorHtml(e);
      $("officials").innerHTML = "";
    }
    return null;
  }
}

let sliderTimer = null;

function onSlider() {
  const date = dateOfIndex(Number($("slider").value));
  $("date").value = date;
  $("slider").setAttribute("aria-valuetext", date);
  clearTimeout(sliderTimer);
  sliderTimer = setTimeout(() => showDate(date), 120);
}

async function play() {
  if (playing) { playing = false; return; }
  playing = true;
  $("play").setAttribute("aria-pressed", "true");
  $("play").textContent = t("pause");
  const max = Number($("slider").max);
  let i = Number($("slider").value);
  if (i >= max) i = 0;
  while (playing && i <= max) {
    $("slider").value = String(i);
    const snapshot = await showDate(dateOfIndex(i));
    if (!snapshot) break;
    await sleep(350);
    i += 3;
  }
  playing = false;
  $("play").setAttribute("aria-pressed", "false");
  $("play").textContent = t("play");
}

// ---------------------------------------------------------------------------------------------
// A state's history (GET /api/timeline?state=ISO3)

let stateEvents = null;

async function chooseState(iso3) {
  selected = iso3 || null;
  $("state-pick").value = iso3 || "";
  paintMap();
  if (!iso3) { $("state-panel").innerHTML = ""; return; }
  $("state-panel").innerHTML = `<p class="note">${esc(t("loading"))}</p>`;
  // The timeline follows the map.
  if ($("tl-state").querySelector(`option[value="${iso3}"]`)) {
    $("tl-state").value = iso3;
    loadTimeline();
  }
  try {
    stateEvents = { iso3, items: await api(`/api/timeline?state=${encodeURIComponent(iso3)}`) };
    if (selected === iso3) renderStatePanel();
  } catch (e) {
    if (selected === iso3) fail("state-panel", e);
  }
}

function renderStatePanel() {
  if (!selected || !stateEvents || stateEvents.iso3 !== selected) return;
  const row = rowOf(selected);
  let html = `<h3>${esc(t("history_of", { name: stateName(selected) }))} <span class="code">${esc(selected)}</span></h3>`;
  html += `<p>${esc(t("status_on", { date: current ? current.date : "" }))}: <strong>${esc(statusLabel(row && row.status))}</strong>`;
  if (row) html += ` <span class="note">${esc(t("since"))} ${esc(row.since)}</span>`;
  html += "</p>";
  const items = stateEvents.items.filter((i) => i.category === "status" || i.state === selected);
  if (!items.length) {
    html += `<p class="note">${esc(t("no_events"))}</p>`;
  } else {
    html += `<ol class="events">`;
    for (const item of items) {
      html += `<li><strong>${esc(item.date)}</strong> ${esc(item.description)}`;
      if (item.sources && item.sources.length) {
        html += `<br><span class="note">${esc(t("sources"))}: ${item.sources.map(sourceHtml).join("; ")}</span>`;
      }
      html += "</li>";
    }
    html += "</ol>";
  }
  $("state-panel").innerHTML = html;
}

function fillStatePickers() {
  const sorted = [...STATES.keys()].sort((a, b) => stateName(a).localeCompare(stateName(b), lang));
  const keepPick = $("state-pick").value, keepTl = $("tl-state").value;
  $("state-pick").innerHTML = `<option value="">${esc(t("none"))}</option>` +
    sorted.map((iso3) => `<option value="${esc(iso3)}">${esc(stateName(iso3))} (${esc(iso3)})</option>`).join("");
  $("state-pick").value = keepPick;
  const inTimeline = timelineStates ? sorted.filter((iso3) => timelineStates.has(iso3)) : [];
  $("tl-state").innerHTML = `<option value="">${esc(t("all_states"))}</option>` +
    inTimeline.map((iso3) => `<option value="${esc(iso3)}">${esc(stateName(iso3))}</option>`).join("");
  $("tl-state").value = keepTl;
}

// ---------------------------------------------------------------------------------------------
// The timeline (GET /api/timeline?state=&kind=)

let timelineStates = null;
let timelineSeq = 0;

async function loadTimeline() {
  const seq = ++timelineSeq;
  const params = new URLSearchParams();
  if ($("tl-state").value) params.set("state", $("tl-state").value);
  if ($("tl-kind").value) params.set("kind", $("tl-kind").value);
  $("timeline").innerHTML = `<p class="note">${esc(t("loading"))}</p>`;
  try {
    const items = await api("/api/timeline" + (params.toString() ? "?" + params : ""));
    if (seq !== timelineSeq) return;
    let html = `<p class="note">${esc(t("events_count", { n: items.length }))}</p><ol>`;
    for (const item of items) {
      const full = /^\d{4}-\d{2}-\d{2}$/.test(item.date);
      const date = full
        ? `<button type="button" class="date" data-date="${esc(item.date)}" aria-label="${esc(t("show_on_map", { date: item.date }))}">${esc(item.date)}</button>`
        : esc(item.date);
      const who = item.state ? ` · ${esc(stateName(item.state))}` : "";
      const sources = (item.sources || []).map(sourceHtml).join("; ");
      html += `<li data-date="${esc(item.date)}"><div>${date}<div class="cat">${esc(t(`kind_${item.category}`))} · ${esc(item.kind.replace(/_/g, " "))}${who}</div></div>
        <div>${esc(item.description)}${sources ? `<div class="src">${esc(t("sources"))}: ${sources}</div>` : ""}</div></li>`;
    }
    html += "</ol>";
    $("timeline").innerHTML = html;
    for (const b of $("timeline").querySelectorAll("button.date")) {
      b.addEventListener("click", () => {
        showDate(b.dataset.date);
        $("map-view").scrollIntoView({ block: "start" });
      });
    }
    highlightTimeline();
  } catch (e) {
    if (seq === timelineSeq) fail("timeline", e);
  }
}

function highlightTimeline() {
  if (!current) return;
  for (const li of $("timeline").querySelectorAll("li[data-date]")) {
    li.classList.toggle("current", li.dataset.date === current.date);
  }
}

// ---------------------------------------------------------------------------------------------
// Line charts (inline SVG, drawn here)

/**
 * Draws lines (and optional bands) over years. `lines`: [{label, cls, points: [[year, value|null]]}],
 * `bands`: [{cls, points: [[year, lo, hi]]}]. Gaps (null) break a line.
 */
function lineChart({ lines, bands = [], yMin = 0, yMax, format, title, marker }) {
  const width = 560, height = 260, left = 44, right = 12, top = 12, bottom = 26;
  const years = lines.flatMap((l) => l.points.map((p) => p[0]));
  const x0 = Math.min(...years), x1 = Math.max(...years);
  const values = lines.flatMap((l) => l.points.map((p) => p[1])).filter((v) => v !== null && v !== undefined);
  // A round step (1, 2, 2.5 or 5 times a power of ten) for about four grid lines.
  const raw = ((yMax ?? Math.max(1e-9, ...values)) - yMin) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const tick = [1, 2, 2.5, 5, 10].map((m) => m * power).find((v) => v >= raw);
  const top_ = yMax ?? yMin + Math.ceil((Math.max(1e-9, ...values) - yMin) / tick) * tick;
  const x = (v) => left + (width - left - right) * (x1 === x0 ? 0.5 : (v - x0) / (x1 - x0));
  const y = (v) => top + (height - top - bottom) * (1 - (v - yMin) / (top_ - yMin));
  let svg = `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>`;
  for (let v = yMin; v <= top_ + tick / 2; v += tick) {
    svg += `<line class="grid" x1="${left}" x2="${width - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"></line>`;
    svg += `<text x="${left - 4}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${esc(format(v))}</text>`;
  }
  const step = x1 - x0 > 20 ? 5 : 2;
  for (let yr = Math.ceil(x0 / step) * step; yr <= x1; yr += step) {
    svg += `<text x="${x(yr).toFixed(1)}" y="${height - 8}" text-anchor="middle">${yr}</text>`;
  }
  for (const band of bands) {
    const pts = band.points.filter((p) => p[1] !== null && p[2] !== null);
    if (pts.length < 2) continue;
    const upper = pts.map((p) => `${x(p[0]).toFixed(1)},${y(p[2]).toFixed(1)}`);
    const lower = pts.slice().reverse().map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`);
    svg += `<polygon class="band ${band.cls}" points="${upper.concat(lower).join(" ")}"></polygon>`;
  }
  for (const line of lines) {
    let d = "", pen = false;
    for (const [yr, v] of line.points) {
      if (v === null || v === undefined) { pen = false; continue; }
      d += `${pen ? "L" : "M"}${x(yr).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    }
    svg += `<path class="line ${line.cls}" d="${d}"><title>${esc(line.label)}</title></path>`;
  }
  if (marker !== undefined && marker >= x0 && marker <= x1) {
    svg += `<line class="now" x1="${x(marker).toFixed(1)}" x2="${x(marker).toFixed(1)}" y1="${top}" y2="${height - bottom}"></line>`;
  }
  svg += `<line class="axis" x1="${left}" x2="${width - right}" y1="${y(yMin)}" y2="${y(yMin)}"></line></svg>`;
  const keys = lines.map((l) => `<li><span class="swatch ${l.cls}"></span>${esc(l.label)}</li>`).join("");
  return svg + `<ul class="keys">${keys}</ul>`;
}

function csvCell(v) {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function download(name, header, rows) {
  const text = [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---------------------------------------------------------------------------------------------
// Weight and cohesion (GET /api/weight/series, GET /api/cohesion/series)

let weightData = null, cohesionData = null;

function groupParam() {
  const choice = $("group").value;
  if (choice !== "custom") return choice;
  const codes = $("custom").value.split(",").map((c) => c.trim().toUpperCase()).filter(Boolean);
  return "list:" + codes.join(",");
}

function groupLabel() {
  const option = $("group").selectedOptions[0];
  return $("group").value === "custom" ? groupParam() : option.textContent;
}

function renderWeight() {
  if (!weightData) return;
  const measures = ["population", "gdp_usd", "gdp_ppp"];
  const lines = measures.map((m, i) => ({
    label: t(m), cls: `c${i}`,
    points: weightData.map((p) => [p.year, (p.shares.find((s) => s[0] === m) || [null, null])[1]]),
  }));
  $("weight-chart").innerHTML = lineChart({
    lines, yMin: 0, format: (v) => (v * 100).toFixed(0) + " %", title: t("weight_chart"),
    marker: current ? Number(current.date.slice(0, 4)) : undefined,
  });
}

function renderCohesion() {
  if (!cohesionData) return;
  const pts = (f) => cohesionData.map((p) => [p.year, f(p)]);
  const lines = [
    { label: t("polyarchy"), cls: "c0", points: pts((p) => p.polyarchy_mean) },
    { label: t("libdem"), cls: "c2", points: pts((p) => p.libdem_mean) },
    { label: t("not_free"), cls: "c1", points: pts((p) => p.not_free_population_share) },
    { label: t("ideal_sd"), cls: "c3", points: pts((p) => (p.ideal_point_sd === null ? null : p.ideal_point_sd / 2)) },
  ];
  lines[3].label += " ÷ 2";
  const bands = [{ cls: "c0", points: cohesionData.map((p) => [p.year, p.polyarchy_min, p.polyarchy_max]) }];
  $("cohesion-chart").innerHTML = lineChart({
    lines, bands, yMin: 0, yMax: 1, format: (v) => v.toFixed(2), title: t("cohesion_chart"),
    marker: current ? Number(current.date.slice(0, 4)) : undefined,
  }) + `<p class="note">${esc(t("band_note"))}</p>`;
}

async function loadGroup() {
  const group = groupParam();
  $("group-status").textContent = t("loading");
  $("weight-csv").disabled = true;
  $("cohesion-csv").disabled = true;
  weightData = cohesionData = null;
  $("weight-chart").innerHTML = `<p class="note">${esc(t("loading"))}</p>`;
  $("cohesion-chart").innerHTML = `<p class="note">${esc(t("loading"))}</p>`;
  const q = `group=${encodeURIComponent(group)}&from=1996`;
  const [weight, cohesion] = await Promise.allSettled([
    expensive(`/api/weight/series?${q}`),
    expensive(`/api/cohesion/series?${q}`),
  ]);
  let ok = true;
  if (weight.status === "fulfilled" && weight.value.length) {
    weightData = weight.value;
    renderWeight();
    $("weight-csv").disabled = false;
  } else {
    ok = false;
    fail("weight-chart", weight.status === "rejected" ? weight.reason : new Error("no year with members"));
  }
  if (cohesion.status === "fulfilled" && cohesion.value.length) {
    cohesionData = cohesion.value;
    renderCohesion();
    $("cohesion-csv").disabled = false;
  } else {
    ok = false;
    fail("cohesion-chart", cohesion.status === "rejected" ? cohesion.reason : new Error("no year with members"));
  }
  if (weightData) groupStatus();
  else if (!ok) $("group-status").textContent = "";
}

function groupStatus() {
  if (!weightData) return;
  $("group-status").textContent = t("years_shown", {
    group: groupLabel(), from: weightData[0].year, to: weightData[weightData.length - 1].year, n: weightData.length,
  });
}

// ---------------------------------------------------------------------------------------------
// The decision lab (GET /api/cases, GET /api/cases/{id}/what-if?changes=...)

let cases = [];
let labCase = null;      // { id, coding (as the file codes it), doc (its run as coded) }
let labSeq = 0;

function modelLabel(m) { return t(`m_${m}`); }

function verdict(j) {
  if (j.status_quo) return `<span>${esc(t("status_quo"))}</span>`;
  if (j.passes) return `<span class="yes">${esc(t("passes"))}</span>`;
  if (j.passes_with_reservations) return `<span class="yes">${esc(t("passes_res"))}</span> (${esc(j.reservations.join(", "))})`;
  return `<span class="no">${esc(t("blocked"))}</span>`;
}

function point(values) { return values.map((v) => num(v)).join(" / "); }

async function loadCases() {
  try {
    cases = await api("/api/cases");
    $("case").innerHTML = cases.map((c) => `<option value="${esc(c.id)}">${esc(c.name)}</option>`).join("");
    if (cases.length) await openCase(cases[0].id);
  } catch (e) { fail("case-detail", e); }
}

async function openCase(id) {
  $("case").value = id;
  $("lab-status").textContent = t("running");
  try {
    const doc = await expensive(`/api/cases/${encodeURIComponent(id)}/what-if`);
    labCase = { id, coding: doc.coding, doc };
    renderCodings(doc);
    renderRun(doc);
    $("lab-status").textContent = t("ran_coding");
  } catch (e) {
    labCase = null;
    fail("case-detail", e);
    $("lab-status").textContent = "";
  }
}

function renderCodings(doc) {
  const run = doc.run;
  const dims = doc.coding.dimensions;
  let html = `<h3>${esc(run.name)}</h3><p>${esc(run.question)}</p>`;
  html += `<p class="note">${esc(t("decision_of", { date: run.date }))}; ${esc(t("members_veto", { n: run.members.length }))}: ${esc(run.members.map((m) => stateName(m)).join(", "))}.</p>`;
  html += `<p class="note">${esc(t("scales"))}: ${dims.map((d) => `${esc(d.name.replace(/_/g, " "))} ${num(d.min, 0)}–${num(d.max, 0)} (${esc(t("status_quo"))} ${num(d.status_quo)}): ${esc(d.description)}`).join(" ")}</p>`;
  html += `<div class="scroll"><table id="codings"><caption>${esc(t("codings"))}</caption><thead><tr><th scope="col">${esc(t("state"))}</th>`;
  for (const d of dims) {
    html += `<th scope="col">${esc(t("position"))}: ${esc(d.name.replace(/_/g, " "))}</th><th scope="col">${esc(t("salience"))}</th>`;
  }
  html += "</tr></thead><tbody>";
  for (const actor of doc.coding.actors) {
    if (!run.members.includes(actor.state)) continue;
    html += `<tr><th scope="row">${esc(stateName(actor.state))} <span class="code">${esc(actor.state)}</span></th>`;
    dims.forEach((d, k) => {
      const p = actor.position[k], s = actor.salience[k];
      if (p === null || p === undefined) { html += `<td>—</td><td>—</td>`; return; }
      const label = `${stateName(actor.state)}, ${d.name.replace(/_/g, " ")}`;
      html += `<td class="num"><input type="number" data-state="${esc(actor.state)}" data-dim="${esc(d.name)}" data-coding="position"
        min="${d.min}" max="${d.max}" step="${(d.max - d.min) / 20}" value="${p}" aria-label="${esc(label)}: ${esc(t("position"))}"></td>`;
      html += `<td class="num"><input type="number" data-state="${esc(actor.state)}" data-dim="${esc(d.name)}" data-coding="salience"
        min="0" max="1" step="0.05" value="${s}" aria-label="${esc(label)}: ${esc(t("salience"))}"></td>`;
    });
    html += "</tr>";
  }
  html += `</tbody></table></div><div id="run"></div>`;
  $("case-detail").innerHTML = html;
  for (const input of $("case-detail").querySelectorAll("#codings input")) {
    input.addEventListener("change", () => whatIf());
  }
}

function changes() {
  const list = [];
  for (const input of $("case-detail").querySelectorAll("#codings input")) {
    const actor = labCase.coding.actors.find((a) => a.state === input.dataset.state);
    const k = labCase.coding.dimensions.findIndex((d) => d.name === input.dataset.dim);
    const coded = input.dataset.coding === "position" ? actor.position[k] : actor.salience[k];
    const value = Number(input.value);
    const changed = input.value !== "" && Number.isFinite(value) && Math.abs(value - coded) > 1e-9;
    input.parentElement.classList.toggle("changed", changed);
    if (changed) list.push(`${input.dataset.state}:${input.dataset.dim}:${input.dataset.coding}:${value}`);
  }
  return list;
}

/** Redraws the lab in the new language, keeping the reader's changes, and reruns it. */
function relabelLab() {
  const inputs = [...$("case-detail").querySelectorAll("#codings input")];
  const values = new Map(inputs.map((i) => [`${i.dataset.state}:${i.dataset.dim}:${i.dataset.coding}`, i.value]));
  renderCodings(labCase.doc);
  for (const input of $("case-detail").querySelectorAll("#codings input")) {
    const kept = values.get(`${input.dataset.state}:${input.dataset.dim}:${input.dataset.coding}`);
    if (kept !== undefined) input.value = kept;
  }
  whatIf();
}

async function whatIf() {
  if (!labCase) return;
  const seq = ++labSeq;
  const list = changes();
  $("lab-status").textContent = t("running");
  try {
    const doc = await expensive(`/api/cases/${encodeURIComponent(labCase.id)}/what-if?changes=${encodeURIComponent(list.join(","))}`);
    if (seq !== labSeq) return;
    renderRun(doc);
    $("lab-status").textContent = list.length ? t("ran", { n: list.length }) : t("ran_coding");
  } catch (e) {
    if (seq !== labSeq) return;
    $("lab-status").innerHTML = errorHtml(e);
  }
}

/** One dimension as a strip: the members' ideal points, the status quo, the winset, predictions. */
function strip(run, k) {
  const d = run.dimensions[k];
  const width = 560, height = 64, left = 16, right = 16;
  const x = (v) => left + ((width - left - right) * (v - d.min)) / (d.max - d.min || 1);
  let svg = `<svg class="strip" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(d.name)}">`;
  const bounds = run.winset.interval ? [run.winset.interval] : run.winset.bounds ? [run.winset.bounds[k]] : [];
  for (const [lo, hi] of bounds) {
    svg += `<rect class="winset" x="${x(lo).toFixed(1)}" y="14" width="${Math.max(2, x(hi) - x(lo)).toFixed(1)}" height="22"></rect>`;
  }
  svg += `<line class="scale" x1="${left}" x2="${width - right}" y1="25" y2="25"></line>`;
  run.members.forEach((m, i) => {
    const v = run.ideals[i][k];
    svg += `<circle class="ideal" cx="${x(v).toFixed(1)}" cy="25" r="4"><title>${esc(stateName(m))}: ${num(v)}</title></circle>`;
  });
  svg += `<rect class="sq" x="${(x(d.status_quo) - 1.5).toFixed(1)}" y="12" width="3" height="26"><title>${esc(t("status_quo"))}: ${num(d.status_quo)}</title></rect>`;
  run.models.forEach((m, i) => {
    const v = m.prediction[k];
    svg += `<path class="c${i % 4}" d="M${x(v).toFixed(1)},40 l-5,9 h10 z"><title>${esc(modelLabel(m.model))}: ${num(v)}</title></path>`;
  });
  svg += `<text x="${left}" y="62">${num(d.min, 0)}</text><text x="${width - right}" y="62" text-anchor="end">${num(d.max, 0)}</text>`;
  svg += `<text x="${width / 2}" y="62" text-anchor="middle">${esc(d.name.replace(/_/g, " "))}</text></svg>`;
  return svg;
}

function renderRun(doc) {
  if (!$("run")) return; // the case's codings failed to load: its error stays shown
  const run = doc.run;
  const dims = run.dimensions.map((d) => d.name.replace(/_/g, " "));
  let html = `<p>${esc(t("winset", { share: pct(run.winset.share) }))}</p>`;
  html += run.dimensions.map((_, k) => strip(run, k)).join("");
  html += `<ul class="keys">${run.models.map((m, i) => `<li><span class="swatch c${i % 4}"></span>${esc(modelLabel(m.model))}</li>`).join("")}</ul>`;
  html += `<p class="note">${esc(t("strip_legend"))}</p>`;
  html += `<div class="scroll"><table id="predictions"><caption>${esc(t("predictions"))}</caption><thead><tr>
    <th scope="col">${esc(t("model"))}</th><th scope="col">${esc(t("predicts"))} (${esc(dims.join(" / "))})</th>
    <th scope="col">${esc(t("under_consensus"))}</th><th scope="col">${esc(t("blocked_by"))}</th><th scope="col">${esc(t("nearest"))}</th></tr></thead><tbody>`;
  for (const m of run.models) {
    const j = m.judgement;
    html += `<tr><th scope="row">${esc(modelLabel(m.model))}</th><td class="num">${point(m.prediction)}</td><td>${verdict(j)}</td>
      <td>${esc(j.blockers.map((b) => stateName(b.state)).join(", ") || "—")}</td><td class="num">${point(m.projection.point)}</td></tr>`;
  }
  html += "</tbody></table></div>";
  const judged = [...(run.proposals || []), ...(run.outcome ? [run.outcome] : [])];
  if (judged.length) {
    html += `<div class="scroll"><table><caption>${esc(t("proposals"))}</caption><thead><tr><th scope="col">${esc(t("proposal"))}</th>
      <th scope="col">${esc(t("by"))}</th><th scope="col">${esc(t("position"))}</th><th scope="col">${esc(t("under_consensus"))}</th><th scope="col">${esc(t("binding_veto"))}</th></tr></thead><tbody>`;
    for (const p of judged) {
      html += `<tr><th scope="row">${esc(p.name)}</th><td>${esc(p.by ? stateName(p.by) : "—")}</td><td class="num">${point(p.position)}</td>
        <td>${verdict(p.judgement)}</td><td>${esc(p.judgement.binding_veto ? stateName(p.judgement.binding_veto) : "—")}</td></tr>`;
    }
    html += "</tbody></table></div>";
  }
  if (doc.coding.outcome && doc.coding.outcome.summary) {
    html += `<p class="note">${esc(t("what_happened"))}: ${esc(doc.coding.outcome.summary)}</p>`;
  }
  $("run").innerHTML = html;
}

// ---------------------------------------------------------------------------------------------
// The world model view (GET /api/scenarios/world/hindcast and /api/scenarios/norms/hindcast)

let worldData = null;
let worldScenario = null;

/** Shows the controls of the chosen scenario only. */
function worldControls() {
  const world = $("scenario").value === "world";
  for (const el of document.querySelectorAll(".world-only")) el.hidden = !world;
  $("world-note").textContent = t(world ? "world_note_world" : "world_note");
}

async function loadWorld() {
  const runs = $("runs").value;
  const scenario = $("scenario").value;
  worldControls();
  $("world-status").textContent = t(scenario === "world" ? "world_running_world" : "world_running", { runs });
  try {
    let path;
    if (scenario === "world") {
      const cf = $("counterfactual").value;
      path = `/api/scenarios/world/hindcast?runs=${encodeURIComponent(runs)}` + (cf ? `&counterfactual=${encodeURIComponent(cf)}` : "");
    } else {
      // {hindcast: {runs, master_seed, start_year, end_year, bands, errors}, ablations}
      path = `/api/scenarios/${encodeURIComponent(scenario)}/hindcast?runs=${encodeURIComponent(runs)}&ablations=true`;
    }
    worldData = await expensive(path);
    worldScenario = scenario;
    renderWorld();
  } catch (e) {
    worldData = null;
    $("world-status").textContent = "";
    fail("world", e);
  }
}

/**
 * A fan chart of one band (quantiles by year) with the observed values; `overlay`, when given,
 * is a second band drawn in another colour (a counterfactual beside its baseline). Values are
 * shares (0–1) unless `domain` says otherwise.
 */
function fan(band, domain = [0, 1], overlay = null) {
  const width = 260, height = 150, left = 34, right = 6, top = 8, bottom = 20;
  const ys = band.years;
  const [lo, hi] = domain;
  const x = (yr) => left + ((width - left - right) * (yr - ys[0])) / (ys[ys.length - 1] - ys[0] || 1);
  const y = (v) => top + (height - top - bottom) * (1 - (v - lo) / (hi - lo || 1));
  const ok = (v) => v !== null && v !== undefined && !Number.isNaN(v);
  // Only years where both quantiles exist (a state may enter the data after the start).
  const idx = ys.map((_, i) => i);
  const area = (b, qlo, qhi) => {
    const keep = idx.filter((i) => ok(b[qlo][i]) && ok(b[qhi][i]));
    if (!keep.length) return "";
    return keep.map((i) => `${x(ys[i]).toFixed(1)},${y(b[qhi][i]).toFixed(1)}`)
      .concat(keep.slice().reverse().map((i) => `${x(ys[i]).toFixed(1)},${y(b[qlo][i]).toFixed(1)}`)).join(" ");
  };
  const line = (vs) => {
    const keep = idx.filter((i) => ok(vs[i]));
    return keep.length ? "M" + keep.map((i) => `${x(ys[i]).toFixed(1)},${y(vs[i]).toFixed(1)}`).join("L") : "";
  };
  let svg = `<svg class="fan" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(stateName(band.iso3))}">`;
  for (const v of [lo, (lo + hi) / 2, hi]) {
    svg += `<line class="grid" x1="${left}" x2="${width - right}" y1="${y(v)}" y2="${y(v)}"></line><text x="${left - 3}" y="${y(v) + 4}" text-anchor="end">${num(v, Math.abs(hi - lo) >= 4 ? 0 : 1)}</text>`;
  }
  svg += `<polygon class="q90" points="${area(band, "q05", "q95")}"></polygon><polygon class="q50" points="${area(band, "q25", "q75")}"></polygon>`;
  if (overlay) svg += `<polygon class="cf90" points="${area(overlay, "q05", "q95")}"></polygon>`;
  if (band.persistence) svg += `<path class="persist" d="${line(band.persistence)}"></path>`;
  svg += `<path class="median" d="${line(band.median)}"></path>`;
  if (overlay) svg += `<path class="cfmedian" d="${line(overlay.median)}"></path>`;
  band.observed.forEach((v, i) => {
    if (ok(v)) svg += `<circle class="obs" cx="${x(ys[i]).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2"><title>${ys[i]}: ${num(v, 3)}</title></circle>`;
  });
  svg += `<text x="${left}" y="${height - 5}">${ys[0]}</text><text x="${width - right}" y="${height - 5}" text-anchor="end">${ys[ys.length - 1]}</text></svg>`;
  return svg;
}

/** The range a target's chart spans: shares 0–1, statuses 0–4, ideal points from the data. */
function targetDomain(target, bands) {
  if (target === "sco_status") return [0, 4];
  if (target !== "ideal_point") return [0, 1];
  let lo = Infinity, hi = -Infinity;
  for (const b of bands) {
    for (const v of [...b.q05, ...b.q95, ...b.observed]) {
      if (v !== null && !Number.isNaN(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    }
  }
  return Number.isFinite(lo) ? [Math.floor(lo * 2) / 2, Math.ceil(hi * 2) / 2] : [-2, 2];
}

/** The `world` scenario: fan charts of one observable per state, and a counterfactual's table. */
function renderWorldModel(d) {
  $("world-status").textContent = t("world_done", { runs: d.runs, seed: d.master_seed, from: d.start_year, to: d.end_year });
  const target = $("world-target").value;
  const info = d.targets.find((x) => x.name === target);
  const base = d.baseline.filter((b) => b.target === target);
  const cf = d.counterfactual;
  const alt = cf ? new Map(cf.bands.filter((b) => b.target === target).map((b) => [b.iso3, b])) : new Map();
  const domain = targetDomain(target, cf ? base.concat([...alt.values()]) : base);
  let html = `<p class="note">${esc(t("world_calibration", { calibration: d.calibration, statuses: t("statuses_" + d.baseline_statuses) }))}</p>`;
  html += `<p class="note">${esc(t("target_" + target))}`;
  if (info && info.observed_through && info.observed_through < d.end_year) html += ` (${esc(t("no_observation", { year: info.observed_through }))})`;
  html += `. ${esc(info ? info.source : "")}</p>`;
  if (cf) {
    const c = cf.counterfactual;
    html += `<p class="notice" id="world-cf-what"><strong>${esc(t("cf_" + c.name))}</strong>: ${esc(c.description)} (${esc(c.source)})</p>`;
  }
  html += `<p class="note">${esc(t("world_fan_legend"))}</p><div class="fans" id="world-fans">`;
  for (const band of base) {
    html += `<figure data-iso3="${esc(band.iso3)}"><figcaption>${esc(stateName(band.iso3, band.name))}</figcaption>${fan(band, domain, alt.get(band.iso3) || null)}</figure>`;
  }
  html += "</div>";
  if (cf) {
    html += `<div class="scroll"><table id="world-differences"><caption>${esc(t("cf_title", { name: t("cf_" + cf.counterfactual.name) }))}</caption><thead><tr>
      <th scope="col">${esc(t("cf_measure"))}</th><th scope="col">${esc(t("cf_year"))}</th><th scope="col">${esc(t("cf_baseline"))}</th>
      <th scope="col">${esc(t("cf_difference"))}</th><th scope="col">${esc(t("cf_interval"))}</th></tr></thead><tbody>`;
    for (const x of cf.differences) {
      const clear = x.difference_q05 > 0 || x.difference_q95 < 0;
      html += `<tr${clear ? ' class="clear"' : ""}><th scope="row">${esc(x.measure)}</th><td class="num">${x.year}</td><td class="num">${num(x.baseline_median, 3)}</td>
        <td class="num">${num(x.difference_median, 3)}</td><td class="num">${num(x.difference_q05, 3)} … ${num(x.difference_q95, 3)}</td></tr>`;
    }
    html += `</tbody></table></div><p class="note">${esc(t("cf_clear"))}</p>`;
  }
  $("world").innerHTML = html;
}

function renderWorld() {
  worldControls();
  const d = worldData;
  if (!d) return;
  if (worldScenario === "world") { renderWorldModel(d); return; }
  const h = d.hindcast;
  $("world-status").textContent = t("world_done", { runs: h.runs, seed: h.master_seed, from: h.start_year, to: h.end_year });
  let html = "";
  if (!h.errors) { $("world").innerHTML = (h.bands || []).map((b) => `<figure><figcaption>${esc(stateName(b.iso3, b.name))}</figcaption>${fan(b)}</figure>`).join(""); return; }
  html += `<div class="scroll"><table id="world-errors"><caption>${esc(t("errors_title"))}</caption><thead><tr>
    <th scope="col">${esc(t("label"))}</th><th scope="col">n</th><th scope="col">${esc(t("rmse_model"))}</th><th scope="col">${esc(t("rmse_persist"))}</th>
    <th scope="col">${esc(t("rmse_trend"))}</th><th scope="col">${esc(t("skill"))}</th><th scope="col">${esc(t("cov90"))}</th></tr></thead><tbody>`;
  for (const e of h.errors) {
    const better = e.model_rmse < e.persistence_rmse;
    html += `<tr><th scope="row">${esc(STATES.has(e.label) ? stateName(e.label) : e.label)}</th><td class="num">${e.n}</td>
      <td class="num ${better ? "yes" : ""}">${num(e.model_rmse, 3)}</td><td class="num ${better ? "" : "yes"}">${num(e.persistence_rmse, 3)}</td>
      <td class="num">${num(e.trend_rmse, 3)}</td><td class="num">${num(e.skill_vs_persistence, 2)}</td><td class="num">${pct(e.coverage90)}</td></tr>`;
  }
  html += "</tbody></table></div>";
  // The groups (Central Asia, the others, all) follow the states in the error table.
  for (const e of h.errors.filter((e) => !STATES.has(e.label))) {
    html += `<p><strong>${esc(e.label)}</strong>: ${esc(t(e.skill_vs_persistence > 0 ? "verdict_better" : "verdict_worse", { skill: num(e.skill_vs_persistence, 2) }))}</p>`;
  }
  html += `<p class="note">${esc(t("mc_note"))}</p>`;
  html += `<p class="note">${esc(t("fan_legend"))}</p><div class="fans">`;
  for (const band of h.bands) {
    html += `<figure><figcaption>${esc(stateName(band.iso3, band.name))}</figcaption>${fan(band)}</figure>`;
  }
  html += "</div>";
  if (d.ablations) {
    html += `<div class="scroll"><table id="world-ablations"><caption>${esc(t("ablations_title"))}</caption><thead><tr>
      <th scope="col">${esc(t("switched_off"))}</th><th scope="col">${esc(t("rmse_ca"))}</th><th scope="col">${esc(t("rmse_all"))}</th><th scope="col">${esc(t("cov90"))}</th></tr></thead><tbody>`;
    for (const a of d.ablations) {
      html += `<tr><th scope="row">${esc(a.switched_off === "none" ? t("full_model") : a.switched_off.replace(/_/g, " "))}</th><td class="num">${num(a.rmse_central_asia, 3)}</td>
        <td class="num">${num(a.rmse_all, 3)}</td><td class="num">${pct(a.coverage90_all)}</td></tr>`;
    }
    html += "</tbody></table></div>";
  }
  $("world").innerHTML = html;
}

// ---------------------------------------------------------------------------------------------
// Language

function applyLanguage(code) {
  lang = I18N[code] ? code : "en";
  document.documentElement.lang = lang === "zh" ? "zh-Hans" : lang;
  $("lang").value = lang;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  $("play").textContent = t(playing ? "pause" : "play");
  document.title = `${t("title")} — ${t("nav_map")}`;
  renderLegend();
  fillStatePickers();
  if (current) {
    paintMap(); renderMembership(); renderOfficials(); renderStatePanel();
    if (!$("date-status").querySelector(".error")) $("date-status").textContent = t("showing", { date: current.date });
  }
  renderWeight();
  renderCohesion();
  groupStatus();
  if (labCase) relabelLab();
  renderWorld();
  if ($("timeline").querySelector("ol")) loadTimeline();
  const url = new URL(window.location.href);
  if (lang === "en") url.searchParams.delete("lang"); else url.searchParams.set("lang", lang);
  history.replaceState(null, "", url.pathname + url.search + url.hash);
}

// ---------------------------------------------------------------------------------------------
// Start

async function start() {
  const query = new URLSearchParams(window.location.search);
  lang = I18N[query.get("lang")] ? query.get("lang") : "en";
  $("lang").value = lang;
  $("date-form").addEventListener("submit", (e) => { e.preventDefault(); if ($("date").value) showDate($("date").value); });
  $("slider").addEventListener("input", onSlider);
  $("play").addEventListener("click", play);
  $("today").addEventListener("click", () => showDate(today || ""));
  $("state-pick").addEventListener("change", () => chooseState($("state-pick").value));
  $("tl-state").addEventListener("change", loadTimeline);
  $("tl-kind").addEventListener("change", loadTimeline);
  $("group").addEventListener("change", () => { $("custom-box").hidden = $("group").value !== "custom"; if ($("group").value !== "custom") loadGroup(); });
  $("group-form").addEventListener("submit", (e) => { e.preventDefault(); loadGroup(); });
  $("weight-csv").addEventListener("click", () => {
    if (!weightData) return;
    download("sco-weight.csv", ["year", "membership_date", "members", "population_share", "gdp_usd_share", "gdp_ppp_share"],
      weightData.map((p) => [p.year, p.membership_date, p.members.join(" "),
        ...["population", "gdp_usd", "gdp_ppp"].map((m) => (p.shares.find((s) => s[0] === m) || [null, null])[1])]));
  });
  $("cohesion-csv").addEventListener("click", () => {
    if (!cohesionData) return;
    const fields = ["polyarchy_mean", "polyarchy_min", "polyarchy_max", "libdem_mean", "not_free_population_share", "ideal_point_sd", "ideal_point_range", "cinc_largest_to_second"];
    download("sco-cohesion.csv", ["year", "membership_date", "members", ...fields],
      cohesionData.map((p) => [p.year, p.membership_date, p.members.join(" "), ...fields.map((f) => p[f])]));
  });
  $("case").addEventListener("change", () => openCase($("case").value));
  $("reset").addEventListener("click", () => { if (labCase) openCase(labCase.id); });
  $("world-form").addEventListener("submit", (e) => { e.preventDefault(); loadWorld(); });
  $("scenario").addEventListener("change", worldControls);
  // The observable is a view of the data already loaded; the counterfactual needs a new run.
  $("world-target").addEventListener("change", () => { if (worldScenario === "world") renderWorld(); });
  $("counterfactual").addEventListener("change", () => { if (worldScenario === "world") loadWorld(); });
  $("lang").addEventListener("change", () => applyLanguage($("lang").value));

  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  document.documentElement.lang = lang === "zh" ? "zh-Hans" : lang;
  renderLegend();

  // Names, sources and today's date first: every view needs them.
  try {
    const [states, sources, now] = await Promise.all([api("/api/states"), api("/api/sources"), api("/api/overview")]);
    for (const s of states) {
      STATES.set(s.iso3, s);
      if (s.iso_numeric) BY_NUMERIC.set(s.iso_numeric, s.iso3);
    }
    SOURCES = new Map(sources.map((s) => [s.id, s]));
    today = now.date;
    current = now;
  } catch (e) {
    $("date-status").innerHTML = errorHtml(e);
    for (const id of ["map", "timeline", "weight-chart", "cohesion-chart", "case-detail"]) fail(id, e);
    return;
  }
  $("slider").max = String(monthIndexOf(today));
  $("slider-end").textContent = today.slice(0, 7);
  $("date").max = today;
  try {
    const timeline = await api("/api/timeline");
    timelineStates = new Set(timeline.filter((i) => i.state).map((i) => i.state));
  } catch (_) { timelineStates = new Set(); }
  fillStatePickers();
  await loadMap();
  const asked = query.get("date");
  // `/?date=YYYY-MM-DD` opens the dashboard on that date (links can be shared); a date the
  // server refuses is shown as its error, and the map stays on today.
  if (asked) {
    paintMap(); renderMembership(); renderOfficials();
    const shown = await showDate(asked, { updateUrl: false });
    if (!shown) {
      $("slider").value = String(monthIndexOf(today));
      $("date").value = today;
      $("date-status").insertAdjacentHTML("beforeend", `<p class="note">${esc(t("instead", { date: today }))}</p>`);
    }
  } else {
    await showDate(today, { updateUrl: false });
  }
  await Promise.all([loadTimeline(), loadGroup(), loadCases(), loadWorld()]);
}

document.addEventListener("DOMContentLoaded", start);
