# وقائع الملف والأهلية وقوائم الوثائق والوثائق وفحص الاكتمال.

case-documents-open = الوقائع والأهلية والوثائق
case-documents-title = الوقائع والوثائق
case-documents-eligibility = الأهلية
case-documents-outcome = النتيجة
case-documents-as-of = بتاريخ
case-documents-reasons = الأسباب
case-documents-missing = أسئلة قد تغيّر النتيجة
case-documents-history = التقييمات السابقة
case-documents-computed = وقت الحساب
case-documents-pack-hash = إصدار حزمة القواعد
case-documents-no-snapshot = لا يوجد تقييم بعد. أجب عن الأسئلة أدناه واحفظها.
case-documents-facts = وقائع الملف
case-documents-facts-help = اترك السؤال دون إجابة إذا كنت لا تعرفها. ضع علامة «تم التحقق» بعد أن ترى وثيقة تثبت الإجابة.
case-documents-unknown = غير معروف بعد
case-documents-yes = نعم
case-documents-no = لا
case-documents-verified = تم التحقق منه بوثيقة
case-documents-save-facts = احفظ وأعد التقييم
case-documents-checklist = الوثائق المطلوبة
case-documents-no-checklist = تظهر القائمة بعد حفظ الوقائع.
case-documents-person = الشخص
case-documents-person-applicant = مقدم الطلب
case-documents-person-sponsor = فرد الأسرة في بلد المقصد
case-documents-person-spouse = الزوج أو الزوجة
case-documents-person-household = الأسرة المعيشية
case-documents-person-child = الطفل { $number }
case-documents-item = الوثيقة
case-documents-state = الحالة
case-documents-decision = القرار
case-documents-if-applicable = إن انطبق
case-documents-verify = تحقّق
case-documents-reject = ارفض
case-documents-waive = أعفِ
case-documents-documents = الوثائق المستلمة
case-documents-no-documents = لم تُستلم أي وثيقة بعد.
case-documents-mrz-entered = تم إدخال المنطقة المقروءة آليًا
case-documents-download = تنزيل
case-documents-upload = أضف وثيقة
case-documents-add = أضف الوثيقة
case-documents-completeness = فحص الاكتمال
case-documents-run-check = شغّل فحص الاكتمال
case-documents-no-report = لم يُشغَّل فحص الاكتمال بعد.
case-documents-verdict = النتيجة
case-documents-findings = الملاحظات
case-documents-citation = السند القانوني

field-document-item = لأي بند
field-document-file = الملف (PDF أو JPEG أو PNG)
field-document-file-help = بحد أقصى { $megabytes } ميغابايت. يُقرأ النوع من الملف نفسه.
field-mrz = المنطقة المقروءة آليًا (السطران أو الأسطر الثلاثة أسفل صفحة الجواز)
field-mrz-help = اكتب كل سطر في سطر مستقل مع جميع علامات <.
field-issued-on = تاريخ الإصدار (YYYY-MM-DD)
field-expires-on = تاريخ الانتهاء (YYYY-MM-DD)
field-translated-into = ترجمة معتمدة إلى (رموز اللغات، مثل de)
field-legalised = مصدَّقة أو تحمل أبوستيل
field-travel-date = تاريخ السفر المتوقع (YYYY-MM-DD)

outcome-eligible = مؤهَّل
outcome-likely = مؤهَّل على الأرجح
outcome-discretionary = وفق تقدير السلطة
outcome-not_eligible = غير مؤهَّل
outcome-undetermined = لم يتحدد بعد

rule-status-held = مستوفى
rule-status-failed = غير مستوفى
rule-status-waived = تم التجاوز عنه
rule-status-not_applicable = لا ينطبق
rule-status-unknown = غير معروف بعد
rule-status-fired = ينطبق الاستثناء
rule-status-not_in_force = غير نافذ

item-state-missing = ناقصة
item-state-provided = مقدَّمة
item-state-verified = تم التحقق منها
item-state-rejected = مرفوضة
item-state-waived = معفاة

verdict-complete = مكتمل
verdict-needs_review = يحتاج إلى مراجعة
verdict-incomplete = غير مكتمل

report-status-satisfied = سليمة
report-status-missing = ناقصة
report-status-invalid = غير مقبولة
report-status-needs_review = تحتاج إلى مراجعة
report-status-waived = معفاة

finding-mrz-invalid = المنطقة المقروءة آليًا غير صحيحة
finding-mrz-contradicts-record = المنطقة المقروءة آليًا تخالف بيانات الوثيقة
finding-name-phonetic = الاسم مكتوب بطريقة أخرى (غالبًا نقل صوتي مختلف)
finding-name-swapped = اسم العائلة والاسم الأول متبادلان
finding-name-differs = الاسم يختلف عن سجل الشخص
finding-birth-date-differs = تاريخ الميلاد يختلف عن سجل الشخص
finding-nationality-differs = الجنسية تختلف عن سجل الشخص
finding-sex-differs = الجنس يختلف عن سجل الشخص
finding-issued-after-expiry = صدرت بعد تاريخ انتهائها
finding-expired = منتهية الصلاحية
finding-expires-too-soon = تنتهي صلاحيتها بعد تاريخ السفر بمدة قصيرة جدًا
finding-validity-unknown = لا يمكن التحقق من الصلاحية (تاريخ السفر أو الانتهاء غير معروف)
finding-too-old = صدرت منذ مدة طويلة جدًا
finding-issue-date-unknown = تاريخ الإصدار غير معروف
finding-translation-missing = الترجمة المعتمدة ناقصة
finding-legalisation-missing = التصديق أو الأبوستيل ناقص
finding-number-used-by-another-person = رقم الوثيقة يخص شخصًا آخر
finding-may-be-required = قد تكون مطلوبة: أجب عن الأسئلة المفتوحة أو اتخذ قرارًا

event-facts_saved = حُفظت الوقائع وأُعيد تقييم الأهلية
event-document_added = أُضيفت وثيقة
event-item_decided = قرار بشأن وثيقة
event-completeness_checked = تم فحص الاكتمال

error-fact-unknown = هذا السؤال لا ينتمي إلى حزمة قواعد الملف.
error-fact-value = هذه الإجابة لا تناسب السؤال.
error-file-or-mrz = اختر ملفًا أو اكتب المنطقة المقروءة آليًا.
error-file-too-large = الملف أكبر من الحجم المسموح.
error-file-type = تُقبل ملفات PDF وJPEG وPNG فقط.
error-date = اكتب التاريخ بالصيغة YYYY-MM-DD.
error-language-code = استخدم رموز اللغات مثل de أو en مفصولة بفواصل.
error-mrz-invalid = المنطقة المقروءة آليًا غير صحيحة: راجع كل حرف وأرقام التحقق.

conflict-nothing-to-verify = لا توجد وثيقة للتحقق منها في هذا البند.
conflict-pathway-not-open = هذا المسار غير متاح لهذا الملف، فلا توجد قائمة لفحصها.
case-documents-via-portal = أرسله مقدّم الطلب عبر البوابة
