# إدارة الحالات.

nav-cases = الحالات
nav-cases-help = قائمة عمل مكاتبك: فتح الطلبات ومتابعتها ونقلها بين المراحل.
cases-title = الحالات
cases-new = فتح حالة
cases-search = الرقم المرجعي أو اسم العائلة أو رقم الوثيقة
cases-overdue-only = المتأخرة فقط
cases-mine-only = المسندة إليّ
cases-queue-caption = الأكثر إلحاحًا أولًا: الأولوية المؤكدة، ثم تاريخ الاستحقاق، ثم الأقدم.
cases-none = لا توجد حالات مطابقة.
cases-overdue = متأخرة
cases-matches = أشخاص مسجّلون سابقًا بهذا الاسم
cases-no-matches = لا يوجد أحد مسجّل بهذا الاسم. يمكنك فتح الحالة.
cases-principal-applicant = مقدّم الطلب الرئيسي
cases-check-existing = البحث عن سجلات موجودة
cases-open = فتح الحالة
cases-members = الأسرة والكفيل
cases-add-member = إضافة شخص
cases-next-steps = الخطوات التالية
cases-override = تجاوز من المشرف
cases-triage = الهشاشة والأولوية
cases-assessed = تاريخ التقييم
cases-confirm-priority = تأكيد الأولوية المقترحة
cases-assess = تسجيل تقييم
cases-needs = الاحتياجات الخاصة
cases-timeline = السجل الزمني
timeline-by = بواسطة
timeline-by-applicant = بواسطة مقدّم الطلب
case-take = أسندها إليّ
any = الكل
next-page = الصفحة التالية

field-reference = الرقم المرجعي
field-applicant = مقدّم الطلب
field-case-status = الحالة
field-priority = الأولوية
field-due = تاريخ الاستحقاق
field-office = المكتب
field-pathway = المسار
field-surname = اسم العائلة
field-given-names = الاسم الأول
field-birth-date = تاريخ الميلاد (السنة، أو السنة والشهر، أو التاريخ الكامل)
field-sex = الجنس
field-nationality = الجنسية (رمز من ثلاثة أحرف، مثل SYR)
field-role = الدور في الحالة
field-reason = السبب
field-narrative = ما أخبرك به الشخص (يُحفظ مشفّرًا)

error-partial-date = يُرجى كتابة التاريخ بالصيغة YYYY أو YYYY-MM أو YYYY-MM-DD.
error-nationality-code = يُرجى استخدام رمز ICAO أو ISO من ثلاثة أحرف، مثل SYR أو ERI.
error-reason-required = يُرجى ذكر سبب هذه الخطوة.
error-need-code = يُرجى اختيار الرموز من القائمة.

case-status-intake = الاستقبال
case-status-counselling = الإرشاد
case-status-forms = الاستمارات
case-status-completeness_check = التحقق من اكتمال الملف
case-status-ready_for_submission = جاهزة للتقديم
case-status-appointment_booked = تم حجز الموعد
case-status-submitted = مقدَّمة
case-status-decided_approved = مقبولة
case-status-decided_refused = مرفوضة
case-status-travel = السفر
case-status-closed = مغلقة
case-status-on_hold = معلّقة
case-status-withdrawn = مسحوبة

priority-emergency = طارئة
priority-urgent = عاجلة
priority-normal = عادية
priority-suggested = مقترحة
priority-assessed-confirmed = مقترحة وأكّدها المشرف

member-principal_applicant = مقدّم الطلب الرئيسي
member-sponsor = الكفيل
member-spouse = الزوج أو الزوجة
member-child = الطفل
member-parent = أحد الوالدين
member-other_member = فرد آخر من الأسرة

sex-F = أنثى
sex-M = ذكر
sex-X = غير محدد (X)
sex-U = غير معروف

event-opened = فُتحت الحالة
event-status = تغيّرت الحالة
event-member_added = أُضيف شخص
event-assessed = قُيّمت الهشاشة
event-priority_confirmed = أُكّدت الأولوية
event-assigned = أُسند إلى موظف إدارة الحالات

conflict-move-not-allowed = لا يمكن تنفيذ هذه الخطوة من وضع الحالة الحالي.
conflict-completeness-required = يجب أن يجتاز الملف التحقق من الاكتمال أولًا، أو أن يتجاوزه مشرف مع ذكر السبب.
conflict-nothing-to-confirm = لا توجد أولوية مقترحة لتأكيدها.
